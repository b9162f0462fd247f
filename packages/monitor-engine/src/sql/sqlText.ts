/**
 * The few places where text must go into SQL rather than a bound `?` parameter: identifiers
 * (column names checked against the data set's own header), JSON paths and table-function or
 * COPY file paths (paths the engine itself listed or staged). Everything else is bound.
 */

/** A DuckDB identifier in double quotes, inner quotes doubled. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A DuckDB string literal in single quotes, inner quotes doubled. */
export function quoteString(value: string): string {
  if (value.includes('\0')) throw new Error('A NUL character cannot appear in SQL text');
  return `'${value.replace(/'/g, "''")}'`;
}
