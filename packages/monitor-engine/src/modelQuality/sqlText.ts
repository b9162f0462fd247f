/**
 * The few places where text must go into SQL rather than a bound `?` parameter: identifiers
 * (column names checked against the data set's own header) and file lists for table functions
 * (paths the engine itself listed or staged). Everything else is bound.
 */

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function quoteString(value: string): string {
  if (value.includes('\0')) throw new Error('A NUL character cannot appear in SQL text');
  return `'${value.replace(/'/g, "''")}'`;
}

/** `['a', 'b']` as a DuckDB list literal of strings, for read_csv / read_text. */
export function stringList(values: readonly string[]): string {
  return `[${values.map(quoteString).join(', ')}]`;
}

/**
 * A class label in canonical text form, so that "1", "1.0" and " 1 " from a CSV, a JSON number
 * and a threshold all compare equal: integral numbers print without a fraction, other numbers
 * as DuckDB prints doubles, anything else trimmed as is.
 */
export function canonicalLabelSql(expression: string): string {
  const number = `TRY_CAST(trim(${expression}) AS DOUBLE)`;
  return `CASE
    WHEN ${expression} IS NULL OR trim(${expression}) = '' THEN NULL
    WHEN ${number} IS NULL OR isnan(${number}) OR isinf(${number}) THEN trim(${expression})
    WHEN ${number} = trunc(${number}) AND abs(${number}) < 1e15
      THEN CAST(CAST(${number} AS BIGINT) AS VARCHAR)
    ELSE CAST(${number} AS VARCHAR)
  END`;
}
