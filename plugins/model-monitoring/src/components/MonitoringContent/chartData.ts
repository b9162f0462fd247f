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
