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
