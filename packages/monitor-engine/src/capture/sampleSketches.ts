import type { SqlEngine } from '../sql/SqlEngine';
import {
  KLL_BUCKET_COUNT,
  SketchDistribution,
  kllSketch,
  sketchLevelFor,
} from '../baseline/kllSketch';

/**
 * The KLL sketch and bucket counts of each number column of a streamed window, from the sample
 * its aggregate kept (`rows`: one row per sampled request, a column d{place} per number place,
 * see sampledRowsSql). One query sorts each column's sample once and reads the sketch items at
 * their ranks, by the rule of sketchItems.ts (ranks scaled to the column's count when the
 * sample is smaller). When the sample is every request, a second query counts every value
 * into its bucket in the same double arithmetic as columnProfiler.ts, so the results equal the
 * other paths'; otherwise the counts are read from the sketch, as deequ reads them from its
 * own.
 */
export interface SampleColumn {
  /**
   * The column's place in the record (its column in `rows` is d{place}). Its sketch must have
   * several levels (more than one compactor of values): a single level keeps the values in
   * input order, which a sample does not have.
   */
  place: number;
  /** Present values in the whole window (not only the sample). */
  present: number;
  /** The column's min and max, and their columns in the aggregate row. */
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

export async function sampleSketches(
  engine: SqlEngine,
  /** The table of the window's one aggregate row, and of the sampled rows. */
  tables: { aggregate: string; rows: string },
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
  const [rows, ranks] = [
    plan.map(
      c =>
        `SELECT ${c.place} AS place, d${c.place} AS d FROM ${tables.rows} WHERE d${c.place} IS NOT NULL`,
    ),
    plan.flatMap(c => [
      `SELECT ${c.place} AS place, 'level' AS kind, range AS r, ${c.n} AS n
       FROM range(${c.step}, ${c.full + 1}, ${c.step})`,
      `SELECT ${c.place}, 'top', range, ${c.n} FROM range(${c.full + 1}, ${c.n + 1})`,
    ]),
  ];
  // Each column's sample sorted by a window (in parallel, unlike list_sort on one thread), and
  // the item at each rank r of n read at its position in a sorted sample of `size` values.
  const items = await engine.query<{
    place: number;
    kind: 'level' | 'top';
    items: number[];
  }>(
    `WITH sorted AS (SELECT place, d, row_number() OVER (PARTITION BY place ORDER BY d) AS rn
                     FROM (${rows.join('\nUNION ALL ')})),
          sizes AS (SELECT place, count(*) AS size FROM sorted GROUP BY place),
          ranks AS (${ranks.join('\nUNION ALL ')})
     SELECT k.place, k.kind, list(s.d ORDER BY k.r) AS items
     FROM (SELECT r.place, r.kind, r.r,
                  least(greatest(ceil(r.r * z.size / r.n), 1), z.size)::BIGINT AS pos
           FROM ranks r JOIN sizes z USING (place)) k
     JOIN sorted s ON s.place = k.place AND s.rn = k.pos
     GROUP BY k.place, k.kind`,
  );
  const itemsOf = (place: number, kind: 'level' | 'top') =>
    items.find(r => Number(r.place) === place && r.kind === kind)?.items ?? [];
  const exact = exactBuckets
    ? await exactBucketCounts(engine, tables, used)
    : undefined;
  for (const c of plan) {
    const sketch = kllSketch(
      itemsOf(c.place, 'top').map(Number),
      itemsOf(c.place, 'level').map(Number),
      c.h,
    );
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
 * Exact counts per bucket of every sampled value, each column with its bounds, in the same
 * double arithmetic as the other paths.
 */
async function exactBucketCounts(
  engine: SqlEngine,
  tables: { aggregate: string; rows: string },
  columns: readonly SampleColumn[],
): Promise<Map<number, number[]>> {
  const perColumn = columns.map(c => {
    const place = Math.trunc(c.place);
    return `SELECT ${place} AS i, ${bucketSql('d', 'mn', 'mx')} AS k, count(*) AS count
      FROM (SELECT d${place} AS d FROM ${tables.rows}),
           (SELECT ${c.minSql} AS mn, ${c.maxSql} AS mx FROM ${tables.aggregate})
      WHERE d IS NOT NULL
      GROUP BY ALL`;
  });
  const rows = await engine.query<{ i: number; k: number; count: number }>(
    perColumn.join('\nUNION ALL\n'),
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
