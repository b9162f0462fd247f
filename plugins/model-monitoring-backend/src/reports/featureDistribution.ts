import { SketchDistribution, type FeatureStatistics } from '@mlmon/monitor-engine';
import type { FeatureDistribution, NumericBucket } from '@mlmon/plugin-model-monitoring-common';

const TOP_CATEGORIES = 50;
const QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95];

type Bounds = Array<{ lowerBound: number; upperBound: number }>;

/** Bucket bounds of a feature's own KLL buckets (the baseline's, so both sides share them). */
export function bucketBoundsOf(feature: FeatureStatistics | undefined): Bounds | undefined {
  return feature?.numerical_statistics?.distribution?.kll.buckets.map(b => ({
    lowerBound: b.lower_bound,
    upperBound: b.upper_bound,
  }));
}

function justBelow(x: number): number {
  return x - Math.max(Math.abs(x) * 1e-12, Number.MIN_VALUE);
}

function quantile(sketch: SketchDistribution, keys: number[], q: number): number | undefined {
  // The smallest key whose CDF reaches q: the sketch's estimate of the q-quantile.
  return keys.find(k => sketch.cdf(k) >= q);
}

/**
 * Turns one side's statistics into shares per bucket. Numeric buckets are placed on `bounds`
 * (the baseline's) by the window's own KLL sketch, plus a bucket below / above the baseline's
 * range when the window has mass there, so the two sides overlay on one axis.
 */
export function featureDistribution(
  feature: FeatureStatistics,
  itemCount: number,
  bounds?: Bounds,
): FeatureDistribution {
  const numeric = feature.numerical_statistics;
  if (numeric) {
    const common = numeric.common;
    const kll = numeric.distribution?.kll;
    const sketch = kll ? new SketchDistribution(kll.sketch) : undefined;
    let buckets: NumericBucket[] = [];
    const present = common.num_present;
    if (sketch && sketch.totalWeight > 0 && bounds?.length) {
      const shareBetween = (lo: number, hi: number) => sketch.cdf(hi) - sketch.cdf(lo);
      buckets = bounds.map((b, i) => {
        const share = i === 0 ? shareBetween(justBelow(b.lowerBound), b.upperBound) : shareBetween(b.lowerBound, b.upperBound);
        return { ...b, share, count: Math.round(share * present) };
      });
      const below = sketch.cdf(justBelow(bounds[0].lowerBound));
      const above = 1 - sketch.cdf(bounds[bounds.length - 1].upperBound);
      if (below > 0) buckets.unshift({ lowerBound: numeric.min, upperBound: bounds[0].lowerBound, share: below, count: Math.round(below * present) });
      if (above > 0) buckets.push({ lowerBound: bounds[bounds.length - 1].upperBound, upperBound: numeric.max, share: above, count: Math.round(above * present) });
    } else if (kll) {
      const total = kll.buckets.reduce((s, b) => s + b.count, 0);
      buckets = kll.buckets.map(b => ({
        lowerBound: b.lower_bound,
        upperBound: b.upper_bound,
        count: b.count,
        share: total ? b.count / total : 0,
      }));
    }
    let quantiles: Record<string, number> | undefined;
    if (sketch && sketch.totalWeight > 0) {
      const keys = sketch.keys();
      quantiles = {};
      for (const q of QUANTILES) {
        const v = quantile(sketch, keys, q);
        if (v !== undefined) quantiles[`p${Math.round(q * 100)}`] = v;
      }
    }
    return {
      itemCount,
      missing: common.num_missing,
      numeric: {
        mean: numeric.mean,
        min: numeric.min,
        max: numeric.max,
        stdDev: numeric.std_dev,
        sum: numeric.sum,
        quantiles,
        buckets,
      },
    };
  }
  const strings = feature.string_statistics;
  const categories = strings?.distribution?.categorical.buckets ?? [];
  const total = categories.reduce((s, c) => s + c.count, 0);
  const sorted = [...categories].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  const top = sorted.slice(0, TOP_CATEGORIES).map(c => ({ value: c.value, count: c.count, share: total ? c.count / total : 0 }));
  const rest = sorted.slice(TOP_CATEGORIES).reduce((s, c) => s + c.count, 0);
  if (rest > 0) top.push({ value: '__other__', count: rest, share: rest / total });
  return {
    itemCount,
    missing: strings?.common.num_missing ?? 0,
    categorical: top,
  };
}
