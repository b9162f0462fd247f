import {
  DuckDbEngine,
  localCaptureFiles,
  scanCaptureFiles,
  type ObjectStore,
} from '@mlmon/monitor-engine';
import type { FeatureDistribution, NumericBucket } from '@mlmon/plugin-model-monitoring-common';

const BUCKETS = 20;
const TOP_CATEGORIES = 50;

type Bounds = Array<{ lowerBound: number; upperBound: number }>;

/** The captured predictions of one window: their distribution and how many records were read. */
export interface WindowPredictions {
  /** Records kept by the capture scan (the window's record count). */
  records: number;
  /** Values of the model's first output per record, when the capture holds an output. */
  distribution?: FeatureDistribution;
  /** Number of input values per record (tells whether a baseline names the output column). */
  inputColumns: number;
  outputColumns: number;
}

/** Equal-width bucket bounds over [min, max]; one bucket when all values are equal. */
export function equalWidthBounds(min: number, max: number, count = BUCKETS): Bounds {
  if (!(max > min)) return [{ lowerBound: min, upperBound: max }];
  const width = (max - min) / count;
  return [...Array(count).keys()].map(i => ({
    lowerBound: min + i * width,
    upperBound: i === count - 1 ? max : min + (i + 1) * width,
  }));
}

/**
 * Reads the window's capture files with the engine (the same scan the data-quality monitor
 * uses, so bad lines are counted, not fatal) and distributes the first output value of every
 * record: numeric outputs into equal-width buckets, anything else as category counts.
 */
export async function windowPredictions(
  captureStore: ObjectStore,
  query: { endpoint: string; variant: string; start: Date; end: Date },
): Promise<WindowPredictions> {
  const local = await localCaptureFiles(captureStore, query);
  // One thread and a small memory limit: this runs on a page view, next to the scheduled jobs.
  const engine = await DuckDbEngine.create({ threads: 1, memoryLimit: '256MB' });
  try {
    const scan = await scanCaptureFiles(engine, local.files, { start: query.start, end: query.end });
    const base = { records: scan.report.records, inputColumns: scan.inputColumns, outputColumns: scan.outputColumns };
    if (scan.outputColumns === 0 || scan.report.records === 0) return base;
    const values = `SELECT out_vals[1] AS v, TRY_CAST(out_vals[1] AS DOUBLE) AS d FROM (${scan.records.unnumberedSql})`;
    const params = scan.records.unnumberedParams;
    const [summary] = await engine.query<{ n: number; missing: number; numeric: number; mean: number | null; min: number | null; max: number | null; sd: number | null; sum: number | null }>(
      `SELECT count(*)::BIGINT AS n, count(*) FILTER (WHERE v IS NULL)::BIGINT AS missing,
              count(d)::BIGINT AS numeric, avg(d) AS mean, min(d) AS min, max(d) AS max,
              coalesce(stddev_pop(d), 0) AS sd, sum(d) AS sum
       FROM (${values})`,
      params,
    );
    const present = Number(summary.n) - Number(summary.missing);
    if (present > 0 && Number(summary.numeric) === present) {
      const bounds = equalWidthBounds(summary.min!, summary.max!);
      const counts = await bucketCounts(engine, values, params, summary.min!, summary.max!, bounds.length);
      const buckets: NumericBucket[] = bounds.map((b, i) => ({ ...b, count: counts[i] ?? 0, share: (counts[i] ?? 0) / present }));
      return {
        ...base,
        distribution: {
          itemCount: Number(summary.n),
          missing: Number(summary.missing),
          numeric: { mean: summary.mean!, min: summary.min!, max: summary.max!, stdDev: summary.sd!, sum: summary.sum!, buckets },
        },
      };
    }
    const categories = await engine.query<{ value: string; count: number }>(
      `SELECT v AS value, count(*)::BIGINT AS count FROM (${values}) WHERE v IS NOT NULL
       GROUP BY v ORDER BY count DESC, value`,
      params,
    );
    const top = categories.slice(0, TOP_CATEGORIES).map(c => ({ value: c.value, count: Number(c.count), share: Number(c.count) / present }));
    const rest = categories.slice(TOP_CATEGORIES).reduce((s, c) => s + Number(c.count), 0);
    if (rest > 0) top.push({ value: '__other__', count: rest, share: rest / present });
    return { ...base, distribution: { itemCount: Number(summary.n), missing: Number(summary.missing), categorical: top } };
  } finally {
    await engine.close();
    await local.cleanup();
  }
}

/** Counts per equal-width bucket; the maximum falls into the last bucket. */
async function bucketCounts(
  engine: DuckDbEngine,
  values: string,
  params: Parameters<DuckDbEngine['query']>[1],
  min: number,
  max: number,
  count: number,
): Promise<number[]> {
  const rows = await engine.query<{ b: number; n: number }>(
    `SELECT least(CAST(floor((d - ?) / ? ) AS INTEGER), ?) AS b, count(*)::BIGINT AS n
     FROM (${values}) WHERE d IS NOT NULL GROUP BY b`,
    // Placeholders bind in text order: the select list's come before the subquery's.
    [min, max > min ? (max - min) / count : 1, count - 1, ...(params ?? [])],
  );
  const counts = new Array<number>(count).fill(0);
  for (const row of rows) counts[Math.max(0, Number(row.b))] += Number(row.n);
  return counts;
}
