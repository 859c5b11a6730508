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

/** A parameter of a statement that `perLookup` runs for many lookups: its column name and SQL type. */
export type LookupParameter = readonly [name: string, type: string];

/**
 * A statement written for one lookup (parameters `$1`…`$n`) as one statement for many: the
 * parameters become arrays, one element per lookup (`$k::type[]`), and the statement runs once
 * per lookup as a LATERAL subquery. Each row carries `lookup`, the 1-based position of the lookup
 * it answers, and the rows come ordered by lookup, then by `order` (over the subquery's columns,
 * as `t.<column>`). `body` must not end with its own ORDER BY: only the outer one holds.
 */
export function perLookup(body: string, parameters: readonly LookupParameter[], order?: string): string {
  const names = parameters.map(([name]) => name);
  const arrays = parameters.map(([, type], i) => `$${i + 1}::${type}[]`);
  const lateral = body.replace(/\$(\d+)(?!\d)/g, (_, n: string) => {
    const name = names[Number(n) - 1];
    if (!name) throw new Error(`perLookup: $${n} has no parameter`);
    return `q.${name}`;
  });
  return `SELECT q.lookup, t.* FROM unnest(${arrays.join(', ')}) WITH ORDINALITY q(${names.join(', ')}, lookup)
    CROSS JOIN LATERAL (${lateral}) t ORDER BY q.lookup${order ? `, ${order}` : ''}`;
}

/** `perLookup`'s rows, split by the lookup each answers: one array per lookup, in order (empty where none came). */
export function rowsByLookup<R extends { lookup: string | number }>(rows: R[], lookups: number): R[][] {
  const split: R[][] = Array.from({ length: lookups }, () => []);
  for (const row of rows) split[Number(row.lookup) - 1].push(row);
  return split;
}
