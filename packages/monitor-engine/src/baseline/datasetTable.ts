import fs from 'node:fs';
import type { SqlEngine } from '../sql/SqlEngine';
import type { ProfiledTable } from './columnProfiler';

/**
 * Loads a baseline data set into a DuckDB table in the shape {@link profileTable} expects:
 * `rid` (input order) and text columns c0, c1, … Values stay text so that type inference sees
 * them as written ("3.0" is Fractional, "3" Integral), as SageMaker's analyzer does.
 */

export type DatasetFormat = 'csv' | 'jsonl';

export interface DatasetSource {
  path: string;
  format: DatasetFormat;
  /** CSV only: the first row holds the column names; else columns are _c0, _c1, … (Spark). */
  header?: boolean;
}

/** A data set that cannot be used as a baseline; the message says what to fix. */
export class DatasetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatasetError';
  }
}

/** Reads one line per row, whatever it contains: valid JSON never holds a raw \x01. */
export const LINES_READER_OPTIONS =
  "columns={'line': 'VARCHAR'}, delim=chr(1), quote='', escape='', header=false, auto_detect=false, max_line_size=8388608";

export async function loadDataset(
  engine: SqlEngine,
  source: DatasetSource,
  tableName: string,
): Promise<ProfiledTable> {
  if (!fs.existsSync(source.path)) {
    throw new DatasetError(`Data set not found: ${source.path}`);
  }
  if (fs.statSync(source.path).size === 0) {
    throw new DatasetError(`Data set is empty: ${source.path}`);
  }
  try {
    return source.format === 'csv'
      ? await loadCsv(engine, source, tableName)
      : await loadJsonLines(engine, source, tableName);
  } catch (error) {
    if (error instanceof DatasetError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new DatasetError(
      `Cannot read ${source.format.toUpperCase()} data set ${
        source.path
      }: ${message}`,
    );
  }
}

const CSV_OPTIONS =
  "header=false, all_varchar=true, delim=',', quote='\"', escape='\"', null_padding=true, strict_mode=false";

async function loadCsv(
  engine: SqlEngine,
  source: DatasetSource,
  tableName: string,
): Promise<ProfiledTable> {
  // DuckDB's sniffer finds the column count; its generated names (column0, …) are safe SQL.
  const [firstRow] = await engine.query<Record<string, string | null>>(
    `SELECT * FROM read_csv(?, ${CSV_OPTIONS}) LIMIT 1`,
    [source.path],
  );
  if (!firstRow) throw new DatasetError(`Data set has no rows: ${source.path}`);
  const columns = Object.keys(firstRow);
  if (!columns.every(c => /^column\d+$/.test(c))) {
    throw new DatasetError(`Unexpected CSV layout in ${source.path}`);
  }
  // Long form (rid, i, v): see columnProfiler.ts.
  await engine.query(
    `CREATE OR REPLACE TEMP TABLE ${tableName} AS
     SELECT rid, unnest(range(${
       columns.length
     }))::INTEGER AS i, unnest([${columns.join(', ')}]) AS v
     FROM (SELECT row_number() OVER () AS rid, *
           FROM read_csv(?, ${CSV_OPTIONS}${source.header ? ', skip=1' : ''}))`,
    [source.path],
  );
  const names = columns.map((c, i) =>
    source.header ? firstRow[c] ?? `_c${i}` : `_c${i}`,
  );
  const [{ rows }] = await engine.query<{ rows: number }>(
    `SELECT count(DISTINCT rid) AS rows FROM ${tableName}`,
  );
  if (!rows)
    throw new DatasetError(`Data set has a header but no rows: ${source.path}`);
  return { name: tableName, names };
}

/** json_type fails on invalid JSON, so it is only evaluated after json_valid. */
const IS_JSON_OBJECT =
  "(CASE WHEN json_valid(line) THEN json_type(line) = 'OBJECT' ELSE false END)";

async function loadJsonLines(
  engine: SqlEngine,
  source: DatasetSource,
  tableName: string,
): Promise<ProfiledTable> {
  const lines = `(SELECT row_number() OVER () AS rid, line FROM read_csv(?, ${LINES_READER_OPTIONS}) WHERE line IS NOT NULL AND trim(line) <> '')`;
  const [check] = await engine.query<{
    rows: number;
    invalid: number;
    first_invalid: string | null;
  }>(
    `SELECT count(*) AS rows,
            count(*) FILTER (WHERE NOT ${IS_JSON_OBJECT}) AS invalid,
            first(line) FILTER (WHERE NOT ${IS_JSON_OBJECT}) AS first_invalid
     FROM ${lines}`,
    [source.path],
  );
  if (!check.rows)
    throw new DatasetError(`Data set has no rows: ${source.path}`);
  if (check.invalid > 0) {
    const text = check.first_invalid ?? '';
    const lineNumber =
      fs.readFileSync(source.path, 'utf8').split('\n').indexOf(text) + 1;
    throw new DatasetError(
      `${source.path}: ${
        check.invalid
      } line(s) are not JSON objects, first at line ${lineNumber}: ${text.slice(
        0,
        80,
      )}`,
    );
  }
  // Keys in order of first appearance (a line's own key order first).
  const keys = await engine.query<{ key: string }>(
    `SELECT key FROM (
       SELECT rid, unnest(json_keys(line)) AS key, generate_subscripts(json_keys(line), 1) AS pos FROM ${lines})
     GROUP BY key ORDER BY min(rid * 100000 + pos)`,
    [source.path],
  );
  const names = keys.map(k => k.key);
  // Long form (rid, i, v): json_extract_string with a list of paths gives the values in order.
  await engine.query(
    `CREATE OR REPLACE TEMP TABLE ${tableName} AS
     SELECT rid, unnest(range(len(vals)))::INTEGER AS i, unnest(vals) AS v
     FROM (SELECT rid, json_extract_string(line, CAST(? AS JSON)::VARCHAR[]) AS vals FROM ${lines})`,
    [JSON.stringify(names.map(jsonPathOf)), source.path],
  );
  return { name: tableName, names };
}

/** A JSON path selecting one top-level key, whatever characters it holds. */
function jsonPathOf(key: string): string {
  return `$.${JSON.stringify(key)}`;
}
