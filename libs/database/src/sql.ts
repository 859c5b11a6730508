/**
 * SQL for a `timestamptz` column as the ISO 8601 UTC text `Date.prototype.toISOString` writes
 * (milliseconds, `Z`; both truncate microseconds). Lists select their dates this way, so rows
 * reach the view as text and node-postgres parses no dates.
 */
export function isoTimestamp(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}
