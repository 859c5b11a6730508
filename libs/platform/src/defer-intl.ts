/*
 * Imported by every process's main.ts after source-maps and reflect-metadata, before Nest.
 *
 * @nestjs/common builds two `Intl.DateTimeFormat`s when it loads, for the timestamps of its
 * ConsoleLogger. The first DateTimeFormat of a process is expensive: V8 asks ICU which of its
 * ~800 locales have calendar data, which opens each locale's resource bundle. That is about
 * 8 MiB of RSS per process (6.5 MiB of ICU data in the node binary paged in, 1.5 MiB of malloc),
 * and our processes never use it: they log through JsonLogger, which writes ISO timestamps.
 *
 * So while @nestjs/common loads (and only then) `Intl.DateTimeFormat` makes formatters that
 * build the real one on first use. Nest's ConsoleLogger, if anything prints through it, still
 * gets the same timestamps. See docs/operations.md, "Memory".
 */
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

withDeferredDateTimeFormat(() => require('@nestjs/common'));
