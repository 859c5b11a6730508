import type { LoggerService, LogLevel } from '@nestjs/common';
import { currentContext } from './request-context';

const LEVELS: LogLevel[] = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'];
const LEVEL_NAMES: Record<LogLevel, string> = {
  verbose: 'trace',
  debug: 'debug',
  log: 'info',
  warn: 'warn',
  error: 'error',
  fatal: 'fatal',
};

export type LogSink = (line: string) => void;

/**
 * One JSON object per line on stdout, with the service name and the current request id, so
 * log lines from five processes can be merged and followed by request.
 */
export class JsonLogger implements LoggerService {
  private minimum: number;

  constructor(
    private readonly service: string,
    level: LogLevel = 'log',
    private readonly sink: LogSink = (line) => process.stdout.write(line + '\n'),
  ) {
    this.minimum = LEVELS.indexOf(level);
  }

  setLogLevels(levels: LogLevel[]): void {
    this.minimum = Math.min(...levels.map((l) => LEVELS.indexOf(l)));
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('log', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('verbose', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: LogLevel, message: unknown, rest: unknown[]): void {
    if (LEVELS.indexOf(level) < this.minimum) return;
    // Nest passes the context name last; an Error's stack may come before it.
    const params = [...rest];
    const context = typeof params[params.length - 1] === 'string' ? (params.pop() as string) : undefined;
    const entry: Record<string, unknown> = {
      time: new Date().toISOString(),
      level: LEVEL_NAMES[level],
      service: this.service,
    };
    if (context) entry.context = context;
    const requestId = currentContext()?.requestId;
    if (requestId) entry.requestId = requestId;
    if (message instanceof Error) {
      entry.msg = message.message;
      entry.stack = message.stack;
    } else if (message !== null && typeof message === 'object') {
      Object.assign(entry, message);
    } else {
      entry.msg = String(message);
    }
    for (const param of params) {
      if (typeof param === 'string' && param.includes('\n    at ')) entry.stack = param;
      else if (param instanceof Error) entry.stack = param.stack;
      else if (param !== undefined) entry.detail = param;
    }
    this.sink(JSON.stringify(entry));
  }
}
