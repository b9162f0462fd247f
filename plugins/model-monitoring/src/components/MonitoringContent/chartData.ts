import type {
  FeatureDistribution,
  TimePoint,
} from '@mlmon/plugin-model-monitoring-common';
import { formatMetric } from '../shared';

/** Merges several series into recharts rows keyed by time: [{ time, a: 1, b: 2 }, ...]. */
export function mergeSeries(
  series: Array<{ key: string; points: TimePoint[] }>,
) {
  const rows = new Map<string, Record<string, string | number | null>>();
  for (const s of series) {
    for (const p of s.points) {
      const row = rows.get(p.time) ?? { time: p.time };
      row[s.key] = p.value;
      rows.set(p.time, row);
    }
  }
  return [...rows.values()].sort((a, b) =>
    String(a.time).localeCompare(String(b.time)),
  );
}

/** A bucket width for people: `21600` → "6 hours", `86400` → "1 day", `900` → "15 minutes". */
export function formatBucket(seconds: number): string {
  const units: Array<[number, string]> = [
    [86_400, 'day'],
    [3_600, 'hour'],
    [60, 'minute'],
  ];
  for (const [size, name] of units) {
    if (seconds >= size && seconds % size === 0) {
      const n = seconds / size;
      return `${n} ${name}${n === 1 ? '' : 's'}`;
    }
  }
  return `${seconds} seconds`;
}

/**
 * What one point of the drift chart is: a window, or the peak of a bucket of windows when the
 * backend downsampled a long range (`bucketSeconds`).
 */
export function driftPointMeaning(bucketSeconds: number | undefined): string {
  return bucketSeconds === undefined
    ? 'Baseline drift distance per execution window'
    : `Highest baseline drift distance per ${formatBucket(
        bucketSeconds,
      )} (each point: the peak of its windows)`;
}

/** One bar group of a distribution overlay. */
export interface OverlayRow {
  bucket: string;
  baseline: number | null;
  window: number | null;
}

/**
 * Baseline and window as shares side by side. Numeric buckets share their bounds (the
 * backend guarantees it); categories are the union of both sides.
 */
export function distributionOverlay(
  baseline?: FeatureDistribution,
  window?: FeatureDistribution,
): OverlayRow[] {
  if (baseline?.numeric || window?.numeric) {
    const buckets =
      baseline?.numeric?.buckets ?? window?.numeric?.buckets ?? [];
    return buckets.map((b, i) => ({
      bucket: `${formatMetric(b.lowerBound)}–${formatMetric(b.upperBound)}`,
      baseline: baseline?.numeric?.buckets[i]?.share ?? null,
      window: window?.numeric?.buckets[i]?.share ?? null,
    }));
  }
  const values = new Map<string, OverlayRow>();
  for (const c of baseline?.categorical ?? []) {
    values.set(c.value, { bucket: c.value, baseline: c.share, window: null });
  }
  for (const c of window?.categorical ?? []) {
    const row = values.get(c.value) ?? {
      bucket: c.value,
      baseline: null,
      window: null,
    };
    row.window = c.share;
    values.set(c.value, row);
  }
  return [...values.values()];
}
