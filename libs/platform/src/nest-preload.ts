/*
 * Imported by every process's main.ts after source-maps and reflect-metadata, before Nest. Loading
 * Nest makes two costly things happen that our processes never use; this module gets both done
 * first without the cost. See docs/operations.md, "Memory".
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
 */
import http from 'node:http';

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

buildHttpNamespaceWithoutUndici();
withDeferredDateTimeFormat(() => require('@nestjs/common'));
