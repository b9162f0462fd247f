import type { DriftResponse, TimePoint } from '@mlmon/plugin-model-monitoring-common';

/** Points per series a drift answer holds at most unless the caller asks otherwise. */
export const DEFAULT_DRIFT_MAX_POINTS = 500;
export const MAX_DRIFT_MAX_POINTS = 5000;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Bucket widths a chart reader recognizes; buckets start at multiples of the width since the
// epoch (UTC), so the same window lands in the same bucket whatever range is asked.
const BUCKET_LADDER = [
  MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE,
  HOUR, 2 * HOUR, 3 * HOUR, 4 * HOUR, 6 * HOUR, 12 * HOUR,
  DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY,
];

/**
 * The bucket width (ms) that keeps a range to at most `maxPoints` points, or undefined when
 * `windowCount` windows fit already. Aligned buckets can cut the range once more than the
 * range divided by the width: hence `maxPoints - 1`.
 */
export function driftBucketMs(range: { from: Date; to: Date }, windowCount: number, maxPoints: number): number | undefined {
  if (windowCount <= maxPoints) return undefined;
  const atLeast = (range.to.getTime() - range.from.getTime()) / Math.max(1, maxPoints - 1);
  return BUCKET_LADDER.find(width => width >= atLeast) ?? Math.ceil(atLeast / DAY) * DAY;
}

/**
 * One point per bucket of `bucketMs` that holds a window: the HIGHEST distance of the bucket's
 * windows, at the end of its last window. Drift is about peaks: a threshold crossing in one
 * window must stay visible on a 90-day chart, which an average or a sample would flatten or
 * skip. A bucket whose windows have no value at all is a null point (a gap, as before).
 *
 * `points` are oldest first, each with its window end in epoch ms.
 */
export function downsampleMax(points: Array<{ ms: number; value: number | null }>, bucketMs: number): TimePoint[] {
  const result: TimePoint[] = [];
  let bucket = NaN;
  let lastMs = 0;
  let peak: number | null = null;
  const flush = () => {
    if (!Number.isNaN(bucket)) result.push({ time: new Date(lastMs).toISOString(), value: peak });
  };
  for (const p of points) {
    // Windows end on bucket boundaries: a window ending at 06:00 belongs to (00:00, 06:00].
    const b = Math.ceil(p.ms / bucketMs);
    if (b !== bucket) {
      flush();
      bucket = b;
      peak = null;
    }
    lastMs = p.ms;
    if (p.value !== null && (peak === null || p.value > peak)) peak = p.value;
  }
  flush();
  return result;
}

/** Downsamples an answer built elsewhere (the SageMaker source) the same way. */
export function downsampleDriftResponse(response: DriftResponse, maxPoints: number): DriftResponse {
  const windowCount = Math.max(0, ...response.series.map(s => s.points.length));
  const range = { from: new Date(response.range.from), to: new Date(response.range.to) };
  const bucketMs = driftBucketMs(range, windowCount, maxPoints);
  if (bucketMs === undefined) return response;
  return {
    ...response,
    bucketSeconds: bucketMs / 1000,
    series: response.series.map(s => ({
      feature: s.feature,
      points: downsampleMax(
        s.points.map(p => ({ ms: Date.parse(p.time), value: p.value })),
        bucketMs,
      ),
    })),
  };
}
