/*
 * Imported by every process's main.ts after source-maps and reflect-metadata, before anything else.
 * Our dependencies load code that our processes never run, and some of it costs memory for good;
 * this module avoids three such costs. See docs/operations.md, "Memory".
 *
 * 1. @nestjs/common builds two `Intl.DateTimeFormat`s when it loads, for the timestamps of its
 *    ConsoleLogger. The first DateTimeFormat of a process is expensive: V8 asks ICU which of its
 *    ~800 locales have calendar data, which opens each locale's resource bundle. That is about
 *    7 MiB of RSS per process (5.6 MiB of ICU data in the node binary paged in), and our
 *    processes never use it: they log through JsonLogger, which writes ISO timestamps. So while
 *    @nestjs/common loads (and only then) `Intl.DateTimeFormat` makes formatters that build the
 *    real one on first use; Nest's ConsoleLogger, if anything prints through it, gets the same
 *    timestamps.
 *
 * 2. Nest is ECMAScript modules, and `import { STATUS_CODES } from 'http'` makes Node build the
 *    ES namespace of node:http, which reads every export, `WebSocket`, `CloseEvent` and
 *    `MessageEvent` too: getters that load undici, Node's fetch and WebSocket (700 kB of source),
 *    about 1.5 MiB of heap and 1 MiB of the binary per process. We build that namespace first
 *    with those three hidden, so it holds `undefined` for them. Only `import { WebSocket } from
 *    'node:http'` sees the difference (none of our code or dependencies does that);
 *    `require('http').WebSocket`, the global `WebSocket` and `fetch` are untouched.
 *
 * 3. Some CommonJS modules are required at load time but only used in code we never call:
 *    TypeORM's DriverFactory requires all seventeen drivers (and their query runners, 1.2 MB of
 *    source) to use the postgres one, and class-validator requires libphonenumber-js (with its
 *    metadata) for `@IsPhoneNumber`, which we do not use. They are registered in the require cache
 *    as deferred modules: the real module loads the first time one of its exports is read, so
 *    nothing changes but when it loads. About 3.5 MiB of heap per service, 1.5 in the gateway.
 */
import http from 'node:http';
import Module from 'node:module';
import { dirname, join } from 'node:path';

type Formatter = Intl.DateTimeFormat;
const DateTimeFormat = Intl.DateTimeFormat;

/** A DateTimeFormat whose ICU work waits until it first formats or is asked its options. */
function deferredDateTimeFormat(locales?: string | string[], options?: Intl.DateTimeFormatOptions): Formatter {
  let real: Formatter | undefined;
  const get = (): Formatter => (real ??= new DateTimeFormat(locales, options));
  const deferred = Object.create(DateTimeFormat.prototype) as Formatter;
  // Own data properties shadow the prototype's methods (and its `format` getter).
  Object.defineProperties(deferred, {
    format: { value: (date?: Date | number) => get().format(date) },
    formatToParts: { value: (date?: Date | number) => get().formatToParts(date) },
    formatRange: { value: (start: Date | number, end: Date | number) => get().formatRange(start, end) },
    formatRangeToParts: { value: (start: Date | number, end: Date | number) => get().formatRangeToParts(start, end) },
    resolvedOptions: { value: () => get().resolvedOptions() },
  });
  return deferred;
}

/** Runs `load` with `Intl.DateTimeFormat` deferred, then puts the real constructor back. */
export function withDeferredDateTimeFormat<T>(load: () => T): T {
  const deferring = function DateTimeFormat(locales?: string | string[], options?: Intl.DateTimeFormatOptions) {
    return deferredDateTimeFormat(locales, options);
  } as unknown as typeof Intl.DateTimeFormat;
  Object.setPrototypeOf(deferring, DateTimeFormat);
  Object.defineProperty(deferring, 'prototype', { value: DateTimeFormat.prototype });
  Intl.DateTimeFormat = deferring;
  try {
    return load();
  } finally {
    Intl.DateTimeFormat = DateTimeFormat;
  }
}

/** node:http's exports that load undici when read. */
export const UNDICI_HTTP_EXPORTS = ['WebSocket', 'CloseEvent', 'MessageEvent'] as const;

/** Builds node:http's ES namespace (once per process) without reading the exports that load undici. */
export function buildHttpNamespaceWithoutUndici(): void {
  const saved = UNDICI_HTTP_EXPORTS.map((name) => [name, Object.getOwnPropertyDescriptor(http, name)] as const);
  for (const [name, descriptor] of saved) {
    if (descriptor) Object.defineProperty(http, name, { value: undefined, configurable: true, enumerable: true, writable: true });
  }
  try {
    require('./http-namespace.mjs');
  } finally {
    for (const [name, descriptor] of saved) if (descriptor) Object.defineProperty(http, name, descriptor);
  }
}

/**
 * Registers the CommonJS module at `file` (an absolute path) so that whoever requires it gets an
 * object whose first property read, `in` or key listing loads the real module; after that every
 * read goes to the real exports. A module already loaded is left alone.
 */
export function deferModule(file: string): void {
  if (require.cache[file]) return;
  let real: Record<string | symbol, unknown> | undefined;
  const deferred = new Module(file);
  const load = (): Record<string | symbol, unknown> => {
    if (!real) {
      delete require.cache[file];
      try {
        real = require(file) as Record<string | symbol, unknown>;
      } finally {
        require.cache[file] = deferred;
      }
    }
    return real;
  };
  deferred.filename = file;
  deferred.loaded = true;
  deferred.exports = new Proxy(
    {},
    {
      get: (_, key) => load()[key],
      has: (_, key) => key in load(),
      ownKeys: () => Reflect.ownKeys(load()),
      getOwnPropertyDescriptor: (_, key) => {
        const descriptor = Object.getOwnPropertyDescriptor(load(), key);
        return descriptor && { ...descriptor, configurable: true };
      },
    },
  );
  require.cache[file] = deferred;
}

/** TypeORM's drivers other than postgres, relative to its package directory. */
export const UNUSED_TYPEORM_DRIVERS = [
  'aurora-mysql/AuroraMysqlDriver',
  'aurora-postgres/AuroraPostgresDriver',
  'better-sqlite3/BetterSqlite3Driver',
  'capacitor/CapacitorDriver',
  'cockroachdb/CockroachDriver',
  'cordova/CordovaDriver',
  'expo/ExpoDriver',
  'mongodb/MongoDriver',
  'mysql/MysqlDriver',
  'nativescript/NativescriptDriver',
  'oracle/OracleDriver',
  'react-native/ReactNativeDriver',
  'sap/SapDriver',
  'spanner/SpannerDriver',
  'sqljs/SqljsDriver',
  'sqlserver/SqlServerDriver',
].map((name) => `driver/${name}.js`);

/** The modules to defer (absolute paths); those not installed where this runs are left out. */
export function unusedModules(): string[] {
  const resolve = (request: string, from?: string): string | undefined => {
    try {
      return require.resolve(request, from ? { paths: [from] } : undefined);
    } catch {
      return undefined;
    }
  };
  const classValidator = resolve('class-validator');
  const typeorm = resolve('typeorm');
  return [
    classValidator && resolve('libphonenumber-js/max', dirname(classValidator)),
    ...(typeorm ? UNUSED_TYPEORM_DRIVERS.map((driver) => join(dirname(typeorm), driver)) : []),
  ].filter((file): file is string => file !== undefined);
}

buildHttpNamespaceWithoutUndici();
withDeferredDateTimeFormat(() => require('@nestjs/common'));
for (const file of unusedModules()) deferModule(file);
