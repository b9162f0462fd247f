import { SqlEngine } from '../sql/SqlEngine';
import { invalidFieldSql, PredictionSemantics } from './labelledRows';
import { quoteIdentifier } from '../sql/sqlText';

/** A CSV holding, per row, the model's prediction(s) and the ground truth. */
export interface BaselineDatasetSpec {
  /** Local path of the CSV file. */
  path: string;
  /** True when the first line names the columns; otherwise they are `_c0`, `_c1`, … (Spark's names). */
  header: boolean;
  groundTruthAttribute: string;
  inferenceAttribute?: string;
  probabilityAttribute?: string;
}

function csvSource(spec: BaselineDatasetSpec): string {
  // all_varchar: values are parsed by the metric expressions, which count what fails.
  return `read_csv(?, header = ${spec.header ? 'true' : 'false'}, all_varchar = true)`;
}

/**
 * Maps a SageMaker attribute to a DuckDB column: a header name, or for headerless files
 * Spark's `_cN` (DuckDB calls it `columnN`) or a bare index `N`.
 */
function resolveColumn(spec: BaselineDatasetSpec, columns: string[], attribute: string, role: string): string {
  if (columns.includes(attribute)) return attribute;
  const index = /^(?:_c)?(\d+)$/.exec(attribute)?.[1];
  if (!spec.header && index !== undefined && Number(index) < columns.length) return columns[Number(index)];
  const names = spec.header ? columns : columns.map((_c, i) => `_c${i}`);
  throw new Error(
    `${spec.path}: the ${role} attribute '${attribute}' is not a column; columns are ${names.join(', ')}`,
  );
}

/**
 * Loads the data set into `table` with the labelled-rows columns (see labelledRows.ts) and
 * checks every row. A baseline must be clean: the first bad row is reported with its line and
 * field, and how many rows are bad in all.
 */
export async function loadBaselineDataset(
  engine: SqlEngine,
  spec: BaselineDatasetSpec,
  semantics: PredictionSemantics,
  table: string,
): Promise<{ rowCount: number }> {
  const described = await engine.query<{ column_name: string }>(
    `DESCRIBE SELECT * FROM ${csvSource(spec)}`,
    [spec.path],
  );
  const columns = described.map(c => c.column_name);
  const roles: Array<[string, string | undefined, string]> = [
    ['ground_truth', spec.groundTruthAttribute, 'ground truth'],
    ['inference', spec.inferenceAttribute, 'inference'],
    ['probability', spec.probabilityAttribute, 'probability'],
  ];
  const selections = roles.map(([target, attribute, role]) =>
    attribute === undefined
      ? `CAST(NULL AS VARCHAR) AS ${target}`
      : `${quoteIdentifier(resolveColumn(spec, columns, attribute, role))} AS ${target}`,
  );
  // row_number() over an unordered scan is DuckDB's streaming row counter: the file order.
  await engine.query(
    `CREATE TEMP TABLE ${table} AS
     SELECT row_number() OVER () AS row_key, ${selections.join(', ')} FROM ${csvSource(spec)}`,
    [spec.path],
  );
  const [summary] = await engine.query<{ rows: number; bad: number }>(
    `SELECT count(*) AS rows, count(*) FILTER (WHERE (${invalidFieldSql(semantics)}) IS NOT NULL) AS bad
     FROM ${table}`,
  );
  if (summary.bad > 0) {
    const [first] = await engine.query<{ row_key: number; role: string; value: string | null }>(
      `SELECT row_key, role, CASE role WHEN 'ground truth' THEN ground_truth
          WHEN 'inference' THEN inference ELSE probability END AS value
       FROM (SELECT *, ${invalidFieldSql(semantics)} AS role FROM ${table})
       WHERE role IS NOT NULL ORDER BY row_key LIMIT 1`,
    );
    const attribute = roles.find(([, , role]) => role === first.role)?.[1];
    const line = first.row_key + (spec.header ? 1 : 0);
    throw new Error(
      `${spec.path} line ${line}: field '${attribute}' (${first.role}) has ` +
        `${first.value === null ? 'no value' : `the unusable value '${first.value}'`}; ` +
        `${summary.bad} of ${summary.rows} rows are unusable`,
    );
  }
  if (summary.rows === 0) throw new Error(`${spec.path}: the baseline data set has no rows`);
  return { rowCount: summary.rows };
}
