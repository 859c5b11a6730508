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

/** Where log lines go; `urgent` lines (errors) must be written before the call returns. */
export type LogSink = (line: string, urgent: boolean) => void;

/** Sinks holding lines not yet written; one `exit` hook writes them all. */
const unflushed = new Set<() => void>();
process.once('exit', () => {
  for (const flush of [...unflushed]) flush();
});

/**
 * A stdout sink that writes the lines of one event-loop turn together, in one write. Node writes
 * to a pipe (a container's stdout) synchronously, one syscall per call: with the access log on,
 * that was a syscall per HTTP request. Errors are written at once (with whatever waits before
 * them), and whatever is pending is written when the process exits. All sinks share one `exit`
 * listener, which only knows the sinks with lines waiting, so a process that makes many loggers
 * (tests booting several services) neither piles up listeners nor keeps idle sinks alive.
 */
export function batchedStdout(write: (chunk: string) => void = (chunk) => process.stdout.write(chunk)): LogSink {
  let pending: string[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    unflushed.delete(flush);
    if (pending.length === 0) return;
    const chunk = pending.join('\n') + '\n';
    pending = [];
    write(chunk);
  };
  return (line, urgent) => {
    pending.push(line);
    if (urgent) return flush();
    if (!scheduled) {
      scheduled = true;
      unflushed.add(flush);
      setImmediate(flush);
    }
  };
}

/**
 * One JSON object per line on stdout, with the service name and the current request id, so
 * log lines from five processes can be merged and followed by request.
 */
export class JsonLogger implements LoggerService {
  private minimum: number;

  constructor(
    private readonly service: string,
    level: LogLevel = 'log',
    private readonly sink: LogSink = batchedStdout(),
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
    this.sink(JSON.stringify(entry), level === 'error' || level === 'fatal');
  }
}
