/**
 * SQL for a `timestamptz` column as the ISO 8601 UTC text `Date.prototype.toISOString` writes
 * (milliseconds, `Z`; both truncate microseconds). Lists select their dates this way, so rows
 * reach the view as text and node-postgres parses no dates.
 */
export function isoTimestamp(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/**
 * Statement texts built once per key. A statement's text names its prepared statement
 * (`TransactionHost.query`), so a text built anew on every call is also hashed anew on every
 * call; a statement with variants builds each through one of these, once.
 */
export class StatementTexts {
  private readonly texts = new Map<string, string>();

  /** The text for `key`, built by `build` the first time it is asked for. */
  get(key: string, build: () => string): string {
    let text = this.texts.get(key);
    if (text === undefined) this.texts.set(key, (text = build()));
    return text;
  }
}
