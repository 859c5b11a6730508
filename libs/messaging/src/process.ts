import { Logger } from '@nestjs/common';
import { ConfigError } from '@broadsheet/platform';

/**
 * Handles SIGINT/SIGTERM once: stops taking work, finishes what is in flight, then exits.
 * A second signal exits at once.
 */
export function closeOnSignals(name: string, close: () => Promise<void>): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) process.exit(130);
    closing = true;
    Logger.log(`${signal} received: draining`, name);
    close().then(
      () => process.exit(0),
      (error: Error) => {
        Logger.error(`Shutdown failed: ${error.message}`, name);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}

/** Prints a config error without a stack and exits; any other boot error is rethrown. */
export function exitOnConfigError(error: unknown): never {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(78); // EX_CONFIG
  }
  throw error;
}
