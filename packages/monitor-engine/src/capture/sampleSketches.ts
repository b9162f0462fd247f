import type { SqlEngine } from '../sql/SqlEngine';
import {
  KLL_BUCKET_COUNT,
  SketchDistribution,
  kllSketch,
  sketchLevelFor,
} from '../baseline/kllSketch';

/**
 * The KLL sketch and bucket counts of each number column of a streamed window, from the sample
 * its aggregate kept (`sample`: one list of numbers per sampled request, see
 * streamedWindowSql.ts). One query over that one row sorts each column's sample once and reads
 * the sketch items at their ranks, by the rule of sketchItems.ts (ranks scaled to the column's
 * count when the sample is smaller). When the sample is every request, a second query counts
 * every value into its bucket in the same double arithmetic as columnProfiler.ts, so the
 * results equal the other paths'; otherwise the counts are read from the sketch, as deequ
 * reads them from its own.
 */
export interface SampleColumn {
  /**
   * The column's place in the record, and in each sampled list (1-based). Its sketch must have
   * several levels (more than one compactor of values): a single level keeps the values in
   * input order, which a sample does not have.
   */
  place: number;
  slot: number;
  /** Present values in the whole window (not only the sample). */
  present: number;
  /** The column's min and max, and their SQL in the aggregate row. */
  min: number;
  max: number;
  minSql: string;
  maxSql: string;
}

export interface SampleSketches {
  sketches: Map<number, ReturnType<typeof kllSketch>>;
  buckets: Map<number, number[]>;
}

/** The bucket of value x, guessed from it and corrected against the computed bounds. */
function bucketSql(x: string, mn: string, mx: string): string {
  const guess = `(CASE WHEN ${mx} = ${mn} THEN 9
      ELSE least(greatest(floor((${x} - ${mn}) / (${mx} - ${mn}) * 10), 0), 9)::INTEGER END)`;
  return `CASE WHEN ${x} < ${mn} + (${mx} - ${mn}) * ${guess} / 10 AND ${guess} > 0 THEN ${guess} - 1
               WHEN ${x} >= ${mn} + (${mx} - ${mn}) * (${guess} + 1) / 10 AND ${guess} < 9 THEN ${guess} + 1
               ELSE ${guess} END`;
}

/** Positions in a sorted sample of `size` values of the ranks r (1-based, of n values). */
const positionsSql = (ranks: string, size: string, n: number) =>
  `list_transform(${ranks}, r -> least(greatest(ceil(r * ${size} / ${n}), 1), ${size})::BIGINT)`;

export async function sampleSketches(
  engine: SqlEngine,
  aggregate: string,
  columns: readonly SampleColumn[],
  /**
   * The sample is every request: count every value into its bucket, exactly as the other paths
   * do. Else read the counts from the sketch, as deequ does (SketchDistribution.bucketCounts).
   */
  exactBuckets: boolean,
): Promise<SampleSketches> {
  const result: SampleSketches = { sketches: new Map(), buckets: new Map() };
  const used = columns.filter(c => c.present > 0);
  if (used.length === 0) return result;
  const plan = used.map(c => {
    const n = Math.trunc(c.present);
    const h = sketchLevelFor(n);
    const step = 2 ** h;
    return { ...c, n, h, step, full: Math.floor(n / step) * step };
  });
  // Lambdas here capture scalars only: one capturing a whole list is copied per element.
  const sorted = plan
    .map(
      c =>
        `list_sort(list_filter(list_transform(sample, r -> r[${Math.trunc(
          c.slot,
        )}]), x -> x IS NOT NULL)) AS s${c.place}`,
    )
    .join(',\n');
  const reads = plan
    .map(c => {
      const [s, size] = [`s${c.place}`, `len(s${c.place})`];
      return `${size} AS size${c.place},
        list_select(${s}, ${positionsSql(
        `range(${c.step}, ${c.full + 1}, ${c.step})`,
        size,
        c.n,
      )}) AS level${c.place},
        list_select(${s}, ${positionsSql(
        `range(${c.full + 1}, ${c.n + 1})`,
        size,
        c.n,
      )}) AS top${c.place}`;
    })
    .join(',\n');
  const [row] = await engine.query<Record<string, unknown>>(
    `SELECT ${reads} FROM (SELECT ${sorted} FROM ${aggregate})`,
  );
  const exact = exactBuckets
    ? await exactBucketCounts(engine, aggregate, columns)
    : undefined;
  for (const c of plan) {
    const items = (key: string) => (row[`${key}${c.place}`] as number[]) ?? [];
    const sketch = kllSketch(items('top'), items('level'), c.h);
    result.sketches.set(c.place, sketch);
    if (!exact) {
      result.buckets.set(
        c.place,
        new SketchDistribution(sketch).bucketCounts(c.min, c.max),
      );
      continue;
    }
    result.buckets.set(
      c.place,
      exact.get(c.place) ?? new Array(KLL_BUCKET_COUNT).fill(0),
    );
  }
  return result;
}

/**
 * Exact counts per bucket of every sampled value (each row with its column's bounds, in slot
 * order as each sampled request's numbers), in the same double arithmetic as the other paths.
 */
async function exactBucketCounts(
  engine: SqlEngine,
  aggregate: string,
  columns: readonly SampleColumn[],
): Promise<Map<number, number[]>> {
  const bySlot = [...columns].sort((a, b) => a.slot - b.slot);
  const list = (f: (c: SampleColumn) => string) =>
    `[${bySlot.map(f).join(', ')}]`;
  const rows = await engine.query<{ i: number; k: number; count: number }>(
    `SELECT i, ${bucketSql('d', 'mn', 'mx')} AS k, count(*) AS count
     FROM (SELECT unnest(${list(c => String(Math.trunc(c.place)))}) AS i,
                  unnest(r) AS d, unnest(mns) AS mn, unnest(mxs) AS mx
           FROM (SELECT unnest(sample) AS r, ${list(c => c.minSql)} AS mns,
                        ${list(c => c.maxSql)} AS mxs
                 FROM ${aggregate}))
     WHERE d IS NOT NULL
     GROUP BY ALL`,
  );
  const counts = new Map<number, number[]>();
  for (const row of rows) {
    const place = Number(row.i);
    if (!counts.has(place))
      counts.set(place, new Array(KLL_BUCKET_COUNT).fill(0));
    counts.get(place)![Number(row.k)] += Number(row.count);
  }
  return counts;
}
