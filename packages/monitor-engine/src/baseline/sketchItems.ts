import type { SqlEngine } from '../sql/SqlEngine';
import { kllSketch, sketchLevelFor } from './kllSketch';

/**
 * The items of the KLL sketch of each numeric column (see kllSketch.ts), from the typed long
 * table (rid, i, t, d) the profiler reads.
 *
 * Small columns (one compactor) keep their values in input order, as deequ does. Larger ones
 * get every 2^h-th value in sorted order at level h and the ranks above the last full step at
 * level 0. Sorting every value of a large window costs more than the rest of the profile and
 * memory in proportion to the window, so the ranks are read from a sorted sample instead:
 * at most about SAMPLE_SIZE values per column, chosen by a hash of the record id (the same
 * records for every column, and the same sample on every run). Up to SAMPLE_SIZE values the
 * sample is the whole column and the items are exact; beyond, the rank of each item is off by
 * about n / (2 * sqrt(SAMPLE_SIZE)) (0.14% of n), less than the sketch's own resolution of
 * 2^h ranks is worth for drift: deequ's KLL sketch of k = 2048 is itself approximate.
 */
export const SAMPLE_SIZE = 131072;
/** The hash of a record id is reduced modulo this before comparing with the sampling rate. */
const HASH_BUCKETS = 1048576;

const inList = (indexes: number[]) =>
  indexes.map(i => String(Math.trunc(i))).join(', ');

/**
 * The condition on `rid` that picks the sampled records, given the largest number of values of
 * a column with a multi-level sketch ('true' when the sample is the whole column).
 */
export function sketchSampleSql(largest: number): string {
  const keep = Math.min(
    HASH_BUCKETS,
    Math.ceil((SAMPLE_SIZE / largest) * HASH_BUCKETS),
  );
  return keep >= HASH_BUCKETS
    ? 'true'
    : `hash(rid) % ${HASH_BUCKETS} < ${keep}`;
}

/** Whether a column of n values gets a multi-level sketch (read from the sample). */
export const isSampledSketch = (n: number) => sketchLevelFor(n) > 0;

export async function sketchItems(
  engine: SqlEngine,
  table: string,
  numeric: number[],
  present: (i: number) => number,
): Promise<Map<number, ReturnType<typeof kllSketch>>> {
  const sketches = new Map<number, ReturnType<typeof kllSketch>>();
  const small = numeric.filter(i => sketchLevelFor(present(i)) === 0);
  const large = numeric.filter(i => sketchLevelFor(present(i)) > 0);
  if (small.length) {
    const rows = await engine.query<{ i: number; items: number[] }>(
      `SELECT i, list(d ORDER BY rid) AS items FROM ${table}
       WHERE i IN (${inList(small)}) AND t <> 0 GROUP BY i`,
    );
    for (const row of rows)
      sketches.set(Number(row.i), kllSketch(row.items, [], 0));
  }
  if (large.length === 0) return sketches;

  // Per column: step = 2^h; ranks step, 2*step, … go to level h (top = false); ranks above
  // the last full step stay at level 0 (top = true). All numbers here are computed by the
  // engine and inlined as literals.
  const steps = large.map(i => {
    const n = present(i);
    const h = sketchLevelFor(n);
    const step = 2 ** h;
    return { i, h, n, step, full: Math.floor(n / step) * step };
  });
  const sampled = sketchSampleSql(Math.max(...steps.map(s => s.n)));
  const stepRows = steps
    .map(s => `(${s.i}, ${s.n}, ${s.step}, ${s.full})`)
    .join(', ');
  const rows = await engine.query<{ i: number; top: boolean; items: number[] }>(
    `WITH steps(i, n, step, full_ranks) AS (VALUES ${stepRows}),
     wanted AS (
       SELECT i, n, false AS top, unnest(range(step, full_ranks + 1, step)) AS rank FROM steps
       UNION ALL
       SELECT i, n, true, unnest(range(full_ranks + 1, n + 1)) FROM steps),
     sample AS MATERIALIZED (
       SELECT i, d, row_number() OVER (PARTITION BY i ORDER BY d) AS rn
       FROM ${table} WHERE i IN (${inList(large)}) AND t <> 0 AND ${sampled}),
     sizes AS (SELECT i, max(rn) AS size FROM sample GROUP BY i),
     positions AS (
       SELECT w.i, w.top, w.rank,
              least(greatest(ceil(w.rank * z.size / w.n), 1), z.size)::BIGINT AS pos
       FROM wanted w JOIN sizes z ON z.i = w.i)
     SELECT p.i, p.top, list(s.d ORDER BY p.rank) AS items
     FROM positions p JOIN sample s ON s.i = p.i AND s.rn = p.pos
     GROUP BY ALL`,
  );
  for (const { i, h } of steps) {
    const level0 = rows.find(r => Number(r.i) === i && r.top)?.items ?? [];
    const levelH = rows.find(r => Number(r.i) === i && !r.top)?.items ?? [];
    sketches.set(i, kllSketch(level0, levelH, h));
  }
  return sketches;
}
