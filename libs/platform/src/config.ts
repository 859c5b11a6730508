import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

/** Thrown at boot when the environment does not describe a runnable service. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

function describe(errors: ValidationError[]): string[] {
  return errors.flatMap((error) => {
    const shown = /SECRET|KEY|PASSWORD/i.test(error.property) ? '(hidden)' : JSON.stringify(error.value);
    return Object.values(error.constraints ?? {}).map(
      (message) => `${error.property}: ${message} (got ${error.value === undefined ? 'nothing' : shown})`,
    );
  });
}

/**
 * Validates the environment once, at boot, into a typed config object. Property names are the
 * environment variable names, so a message names exactly the variable to fix. Other variables
 * are ignored; defaults are the class's property initialisers.
 */
export function loadConfig<T extends object>(
  ConfigClass: new () => T,
  env: Record<string, string | undefined> = process.env,
): T {
  // Every setting is a class field (with its default or `undefined`), so the instance's own keys
  // are exactly the variables this service reads.
  const known = new Set(Object.keys(new ConfigClass()));
  const defined = Object.fromEntries(
    Object.entries(env).filter(([name, value]) => known.has(name) && value !== undefined && value !== ''),
  );
  const config = plainToInstance(ConfigClass, defined, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false, forbidUnknownValues: false });
  if (errors.length > 0) throw new ConfigError(describe(errors));
  return config;
}
