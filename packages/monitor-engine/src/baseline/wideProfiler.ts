import type { SqlEngine } from '../sql/SqlEngine';
import type { ProfiledTable } from './columnProfiler';
import { KLL_BUCKET_COUNT } from './kllSketch';
import { isSampledSketch, sketchItems, sketchSampleSql } from './sketchItems';
import {
  CATEGORICAL_CARDINALITY_THRESHOLD,
  CategoricalCounts,
  MomentsRow,
  ProfileResult,
  assembleProfile,
} from './profileAssembly';

/**
 * Profiles a wide table (one row per record: rid, and per column a type code t{i}, number d{i}
 * and text c{i}) with the same aggregates, over the values in the same order, as the
 * long-table queries of columnProfiler.ts, so the statistics are the same (sums of doubles
 * up to the order in which parallel partial sums are added, as on the long table); only the
 * layout differs. A long table makes one row per value (ten rows per record for ten columns);
 * here each scan reads each record once and no value is parsed again. Columns are aggregated
 * in groups, since one query over very many columns takes long to plan.
 */

/**
 * The columns of value i in a wide table: its type code (valueTypeCodeSql), its number
 * (TRY_CAST to DOUBLE, for type codes 1 and 2 only) and its text (NULL for numbers of a
 * numeric column: a text column is one without numbers, or has every text).
 */
export const wideTypeColumn = (i: number) => `t${Math.trunc(i)}`;
export const wideNumberColumn = (i: number) => `d${Math.trunc(i)}`;
export const wideValueColumn = (i: number) => `c${Math.trunc(i)}`;
const number = wideNumberColumn;

/** Columns per aggregate query. */
const GROUP_SIZE = 16;

function groups(indexes: number[]): number[][] {
  const result: number[][] = [];
  for (let k = 0; k < indexes.length; k += GROUP_SIZE)
    result.push(indexes.slice(k, k + GROUP_SIZE));
  return result;
}

let counter = 0;

export async function profileWideTable(
  engine: SqlEngine,
  table: ProfiledTable,
): Promise<ProfileResult> {
  const id = ++counter;
  const sample = `wide_sample_${id}`;
  const indexes = table.names.map((_, i) => i);
  const momentsByIndex = new Map<number, MomentsRow>();
  try {
    return await assembleProfile(table.names, {
      moments: async () => {
        // One query per group of columns.
        const rows: MomentsRow[] = [];
        for (const group of groups(indexes)) {
          // count_if and CASE rather than FILTER clauses: the same values in the same order,
          // but an ungrouped aggregate with many FILTER clauses is several times slower.
          const aggregates = group.flatMap(i => {
            const [t, d] = [wideTypeColumn(i), `d${i}`];
            return [
              `count_if(${t} = 0) AS m_${i}`,
              `count_if(${t} = 1) AS integral_${i}`,
              `count_if(${t} = 2) AS fractional_${i}`,
              `count_if(${t} = 3) AS boolean_${i}`,
              `count_if(${t} = 4) AS string_${i}`,
              `sum(${d}) AS sum_${i}`,
              `min(${d}) AS mn_${i}`,
              `max(${d}) AS mx_${i}`,
              `stddev_pop(${d}) AS sd_${i}`,
            ];
          });
          // d{i} is only set for numbers (t in (1, 2)), as the long table's FILTER.
          const columns = group
            .map(i => `${wideTypeColumn(i)}, ${number(i)}`)
            .join(', ');
          const [row] = await engine.query<Record<string, number | null>>(
            `SELECT count(*) AS n, ${aggregates.join(', ')}
             FROM (SELECT ${columns} FROM ${table.name})`,
          );
          for (const i of group) {
            rows.push({
              i,
              n: Number(row.n),
              m: Number(row[`m_${i}`]),
              integral: Number(row[`integral_${i}`]),
              fractional: Number(row[`fractional_${i}`]),
              boolean: Number(row[`boolean_${i}`]),
              string: Number(row[`string_${i}`]),
              sum: row[`sum_${i}`],
              mn: row[`mn_${i}`],
              mx: row[`mx_${i}`],
              sd: row[`sd_${i}`],
            });
          }
        }
        for (const row of rows) momentsByIndex.set(row.i, row);
        return rows;
      },
      buckets: async numeric => {
        const result = new Map<number, number[]>();
        for (const group of groups(numeric)) {
          const [row] = await engine.query<
            Record<string, { key: number; value: number }[] | null>
          >(bucketCountsSql(table.name, momentsByIndex, group));
          for (const i of group) {
            const counts = new Array(KLL_BUCKET_COUNT).fill(0);
            for (const { key, value } of row[`k${i}`] ?? [])
              counts[Number(key)] += Number(value);
            result.set(i, counts);
          }
        }
        return result;
      },
      sketches: async (numeric, present) => {
        if (numeric.length === 0) return new Map();
        // The long-table sketch query, over a long copy of the values it reads: the sampled
        // records of the columns with a multi-level sketch, every value of the others.
        const large = numeric.filter(i => isSampledSketch(present(i)));
        const small = numeric.filter(i => !isSampledSketch(present(i)));
        const sampled = large.length
          ? sketchSampleSql(Math.max(...large.map(present)))
          : 'true';
        const parts: string[] = [];
        const longRows = (columns: number[], where: string) =>
          `SELECT rid, unnest([${columns.join(', ')}]) AS i,
                  unnest([${columns.map(wideTypeColumn).join(', ')}]) AS t,
                  unnest([${columns.map(number).join(', ')}]) AS d
           FROM ${table.name} WHERE ${where}`;
        if (sampled === 'true') parts.push(longRows(numeric, 'true'));
        else {
          parts.push(longRows(large, sampled));
          if (small.length) parts.push(longRows(small, 'true'));
        }
        await engine.query(
          `CREATE OR REPLACE TEMP TABLE ${sample} AS
           SELECT * FROM (${parts.join(' UNION ALL ')}) WHERE t <> 0`,
        );
        return sketchItems(engine, sample, numeric, present);
      },
      categorical: text => categoricalCounts(engine, table.name, text),
    });
  } finally {
    await engine.query(`DROP TABLE IF EXISTS ${sample}`);
  }
}

/**
 * Exact bucket counts of numeric columns (k{i}: a map from bucket to count), each value's
 * bucket computed with the same expressions as the long-table query of columnProfiler.ts: a
 * guess from the value, corrected against the bounds computed in the same double arithmetic as
 * kllBuckets.
 */
function bucketCountsSql(
  table: string,
  moments: ReadonlyMap<number, MomentsRow>,
  numeric: number[],
): string {
  // min and max as constants, exactly (a double's shortest text reads back as the same
  // double): DuckDB folds what depends on them alone, as it would compute it on each row.
  const bounds = (i: number) => [
    doubleLiteral(moments.get(i)?.mn),
    doubleLiteral(moments.get(i)?.mx),
  ];
  const guesses = numeric.map(i => {
    const [mn, mx] = bounds(i);
    return `${number(i)}, CASE WHEN ${wideTypeColumn(i)} = 0 THEN NULL
         WHEN ${mx} = ${mn} THEN 9
         ELSE least(greatest(floor((${number(
           i,
         )} - ${mn}) / (${mx} - ${mn}) * 10), 0), 9)::INTEGER
       END AS g${i}`;
  });
  const buckets = numeric.map(i => {
    const [mn, mx] = bounds(i);
    const [d, g] = [number(i), `g${i}`];
    return `CASE WHEN ${d} < ${mn} + (${mx} - ${mn}) * ${g} / 10 AND ${g} > 0 THEN ${g} - 1
               WHEN ${d} >= ${mn} + (${mx} - ${mn}) * (${g} + 1) / 10 AND ${g} < 9 THEN ${g} + 1
               ELSE ${g} END`;
  });
  const values = numeric
    .map(i => `${wideTypeColumn(i)}, ${number(i)}`)
    .join(', ');
  // histogram() of each column's bucket numbers: far cheaper than a row per value.
  return `SELECT ${numeric
    .map((i, n) => `histogram((${buckets[n]})::UTINYINT) AS k${i}`)
    .join(', ')}
     FROM (SELECT ${guesses.join(', ')} FROM (SELECT ${values} FROM ${table}))`;
}

/** A DOUBLE constant exactly equal to a number (or NULL). */
function doubleLiteral(value: number | null | undefined): string {
  if (value === null || value === undefined) return 'NULL::DOUBLE';
  const text = Object.is(value, -0) ? '-0.0' : String(value);
  return `CAST('${text}' AS DOUBLE)`;
}

/** Distinct counts of text columns, then value counts of the low-cardinality ones. */
async function categoricalCounts(
  engine: SqlEngine,
  table: string,
  text: number[],
): Promise<Map<number, CategoricalCounts>> {
  const result = new Map<number, CategoricalCounts>();
  for (const group of groups(text)) {
    const [row] = await engine.query<Record<string, number>>(
      `SELECT ${group
        .map(i => `count(DISTINCT ${wideValueColumn(i)}) AS distinct_${i}`)
        .join(', ')} FROM ${table}`,
    );
    for (const i of group)
      result.set(i, { distinct: Number(row[`distinct_${i}`]) });
  }
  for (const i of text) {
    const distinct = result.get(i)!.distinct;
    if (distinct === 0 || distinct > CATEGORICAL_CARDINALITY_THRESHOLD)
      continue;
    const rows = await engine.query<{ value: string; count: number }>(
      `SELECT ${wideValueColumn(i)} AS value, count(*) AS count FROM ${table}
       WHERE ${wideValueColumn(i)} IS NOT NULL
       GROUP BY 1 ORDER BY count DESC, value`,
    );
    result.get(i)!.buckets = rows.map(r => ({
      value: r.value,
      count: Number(r.count),
    }));
  }
  return result;
}
