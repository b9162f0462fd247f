import type { SqlEngine, SqlParameter } from '../../sql/SqlEngine';
import { quoteIdentifier, quoteString } from '../../sql/sqlText';
import {
  BiasAnalysisConfig,
  isProbabilityPrediction,
  isThresholdFacet,
  isThresholdLabel,
  numericCell,
} from './biasAnalysisConfig';
import { BiasCountCell, BiasTally, NumericRange, biasCountsFromCells } from './biasTally';
import { FlipTestRow } from './flipTest';

/**
 * The bias counts computed by the SQL engine: one GROUP BY over the data, returning at most
 * 8 × (number of group-variable values) rows whatever the size of the window, so memory stays
 * bounded. The relation is SQL text produced by the engine itself (a table name or a reader
 * such as read_csv over paths it listed); column names are quoted identifiers and every value
 * from the configuration is a bound `?` parameter. Matching follows the in-memory rules of
 * biasAnalysisConfig.ts (trimmed text equality, or numeric equality), so both paths agree.
 */
export interface SqlBiasSource {
  engine: SqlEngine;
  /** A FROM-clause relation written by the engine (never by a client). */
  relation: string;
}

const text = (column: string) => `NULLIF(trim(CAST(${quoteIdentifier(column)} AS VARCHAR)), '')`;
const num = (column: string) => `TRY_CAST(${text(column)} AS DOUBLE)`;

/** SQL for "value is one of these", with its parameters. */
function membership(column: string, values: readonly (string | number)[]): { sql: string; params: SqlParameter[] } {
  const texts = values.map(v => String(v).trim());
  const numbers = values.map(v => numericCell(v)).filter((n): n is number => n !== undefined);
  const parts = [`${text(column)} IN (${texts.map(() => '?').join(', ')})`];
  const params: SqlParameter[] = [...texts];
  if (numbers.length > 0) {
    parts.push(`${num(column)} IN (${numbers.map(() => '?').join(', ')})`);
    params.push(...numbers);
  }
  return { sql: `(${parts.join(' OR ')})`, params };
}

/** `CASE WHEN valid THEN (positive ? 1 : 0) END`: NULL marks an unusable row. */
function flag(valid: string, positive: { sql: string; params: SqlParameter[] }) {
  return { sql: `CASE WHEN ${valid} IS NOT NULL THEN CASE WHEN ${positive.sql} THEN 1 ELSE 0 END END`, params: positive.params };
}

function flags(config: BiasAnalysisConfig) {
  const { facet, label, prediction } = config;
  const facetFlag = isThresholdFacet(facet)
    ? flag(num(facet.column), { sql: `${num(facet.column)} > ?`, params: [facet.threshold] })
    : flag(text(facet.column), membership(facet.column, facet.values));
  const labelRule = (column: string) =>
    isThresholdLabel(label)
      ? flag(num(column), { sql: `${num(column)} > ?`, params: [label.threshold] })
      : flag(text(column), membership(column, label.positiveValues));
  const predictionFlag = isProbabilityPrediction(prediction)
    ? flag(num(prediction.column), { sql: `${num(prediction.column)} > ?`, params: [prediction.probabilityThreshold] })
    : labelRule(prediction.column);
  return { facetFlag, labelFlag: labelRule(label.column), predictionFlag };
}

export async function biasTallyFromSql(
  source: SqlBiasSource,
  config: BiasAnalysisConfig,
): Promise<BiasTally> {
  const { facetFlag, labelFlag, predictionFlag } = flags(config);
  const group = config.groupVariable !== undefined ? text(config.groupVariable) : 'NULL';
  const sql = `SELECT ${facetFlag.sql} AS in_facet, ${labelFlag.sql} AS label_positive,
      ${predictionFlag.sql} AS predicted_positive, ${group} AS grp, COUNT(*) AS n
    FROM ${source.relation} AS src
    GROUP BY 1, 2, 3, 4`;
  const rows = await source.engine.query<{
    in_facet: number | null; label_positive: number | null; predicted_positive: number | null; grp: string | null; n: number;
  }>(sql, [...facetFlag.params, ...labelFlag.params, ...predictionFlag.params]);

  const skipped = { facet: 0, label: 0, prediction: 0, groupVariable: 0 };
  const cells: BiasCountCell[] = [];
  for (const r of rows) {
    const n = Number(r.n);
    if (r.in_facet === null) skipped.facet += n;
    else if (r.label_positive === null) skipped.label += n;
    else if (r.predicted_positive === null) skipped.prediction += n;
    else if (config.groupVariable !== undefined && r.grp === null) skipped.groupVariable += n;
    else {
      cells.push({
        inFacet: Number(r.in_facet) === 1,
        labelPositive: Number(r.label_positive) === 1,
        predictedPositive: Number(r.predicted_positive) === 1,
        group: r.grp ?? undefined,
        rows: n,
      });
    }
  }
  const validity = validRowsCondition(config);
  return {
    counts: biasCountsFromCells(cells, config.groupVariable !== undefined),
    rowsUsed: cells.reduce((s, c) => s + c.rows, 0),
    rowsSkipped: skipped,
    facetRange: isThresholdFacet(config.facet) ? await numericRange(source, config.facet.column, validity) : undefined,
    labelRange: isThresholdLabel(config.label) ? await numericRange(source, config.label.column, validity) : undefined,
  };
}

/** The rows the tally used: every flag (and the group value) present. */
function validRowsCondition(config: BiasAnalysisConfig): { sql: string; params: SqlParameter[] } {
  const { facetFlag, labelFlag, predictionFlag } = flags(config);
  const parts = [facetFlag, labelFlag, predictionFlag].map(f => `(${f.sql}) IS NOT NULL`);
  if (config.groupVariable !== undefined) parts.push(`${text(config.groupVariable)} IS NOT NULL`);
  return { sql: parts.join(' AND '), params: [...facetFlag.params, ...labelFlag.params, ...predictionFlag.params] };
}

async function numericRange(
  source: SqlBiasSource,
  column: string,
  validity: { sql: string; params: SqlParameter[] },
): Promise<NumericRange | undefined> {
  const [row] = await source.engine.query<{ max_value: number | null; all_integers: number | null }>(
    `SELECT max(${num(column)}) AS max_value,
        min(CASE WHEN ${num(column)} = floor(${num(column)}) AND strpos(${text(column)}, '.') = 0
          AND strpos(lower(${text(column)}), 'e') = 0 THEN 1 ELSE 0 END) AS all_integers
      FROM ${source.relation} AS src WHERE ${validity.sql}`,
    validity.params,
  );
  if (!row || row.max_value === null) return undefined;
  return { max: Number(row.max_value), allIntegers: Number(row.all_integers) === 1 };
}

/**
 * The Flip Test's rows (numeric features and the two flags) for usable rows, read only when the
 * window has at most `maxRows` of them: FT is a k-NN over raw rows and cannot be aggregated.
 */
export async function flipTestRowsFromSql(
  source: SqlBiasSource,
  config: BiasAnalysisConfig,
  maxRows: number,
): Promise<{ rows?: FlipTestRow[]; nonNumericColumns: string[]; tooMany?: number }> {
  const features = config.featureColumns ?? [];
  const validity = validRowsCondition(config);
  const { facetFlag, predictionFlag } = flags(config);
  const [stats] = await source.engine.query<Record<string, number>>(
    `SELECT COUNT(*) AS n${features
      .map((f, i) => `, SUM(CASE WHEN ${text(f)} IS NOT NULL AND ${num(f)} IS NULL THEN 1 ELSE 0 END) AS bad${i}`)
      .join('')} FROM ${source.relation} AS src WHERE ${validity.sql}`,
    validity.params,
  );
  const nonNumericColumns = features.filter((_, i) => Number(stats[`bad${i}`]) > 0);
  const total = Number(stats.n);
  if (nonNumericColumns.length > 0) return { nonNumericColumns };
  if (total > maxRows) return { nonNumericColumns, tooMany: total };
  const rows = await source.engine.query<Record<string, number | null>>(
    `SELECT ${facetFlag.sql} AS in_facet, ${predictionFlag.sql} AS predicted_positive${features
      .map((f, i) => `, ${num(f)} AS f${i}`)
      .join('')} FROM ${source.relation} AS src WHERE ${validity.sql}`,
    [...facetFlag.params, ...predictionFlag.params, ...validity.params],
  );
  return {
    nonNumericColumns,
    rows: rows.map(r => ({
      inFacet: Number(r.in_facet) === 1,
      predictedPositive: Number(r.predicted_positive) === 1,
      features: features.map((_, i) => (r[`f${i}`] === null ? NaN : Number(r[`f${i}`]))),
    })),
  };
}

/** A relation reading a CSV (header row, all text) or JSON Lines file, for DuckDB. */
export function fileRelation(path: string, format: 'csv' | 'jsonl'): string {
  const literal = quoteString(path);
  return format === 'csv'
    ? `read_csv(${literal}, header=true, all_varchar=true, delim=',', quote='"', escape='"')`
    : `read_json_auto(${literal}, format='newline_delimited')`;
}
