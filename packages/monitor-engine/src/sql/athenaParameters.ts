import { SqlParameter } from './SqlEngine';

/**
 * Athena binds `?` placeholders from StartQueryExecution's ExecutionParameters, whose values are
 * SQL literal text (a string is sent as `'text'`). Every value passes through here, so nothing a
 * caller binds can become SQL: strings are single-quoted with `'` doubled (Trino string literals
 * have no backslash escapes), numbers and booleans are checked and rendered by us, dates become
 * TIMESTAMP literals in UTC.
 */
export function athenaLiteral(value: SqlParameter): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new Error(`Cannot bind ${value} as an Athena parameter: only finite numbers have SQL literals`);
    }
    // Integers stay exact; fractions as DOUBLE so 0.1 is not silently a DECIMAL(1,1).
    return Number.isSafeInteger(value) ? String(value) : `DOUBLE '${String(value)}'`;
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new Error('Cannot bind an invalid Date as an Athena parameter');
    return `TIMESTAMP '${value.toISOString().replace('T', ' ').replace('Z', '')}'`;
  }
  if (typeof value === 'string') {
    if (value.includes('\0')) throw new Error('Cannot bind a string containing NUL as an Athena parameter');
    return `'${value.replace(/'/g, "''")}'`;
  }
  throw new Error(`Cannot bind a value of type ${typeof value} as an Athena parameter`);
}

/**
 * Counts `?` placeholders outside string literals, quoted identifiers and comments, so a
 * mismatch is reported before the query is sent.
 */
export function countPlaceholders(sql: string): number {
  let count = 0;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i];
    if (ch === "'" || ch === '"') {
      const end = sql.indexOf(ch, i + 1);
      // A doubled quote inside a literal just continues it; the loop sees it as open/close pairs.
      i = end < 0 ? sql.length : end;
    } else if (ch === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end;
    } else if (ch === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 1;
    } else if (ch === '?') {
      count++;
    }
  }
  return count;
}
