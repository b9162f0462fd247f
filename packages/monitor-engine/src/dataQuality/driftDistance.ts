import type { KllSketchJson } from '../formats/statistics';
import { SketchDistribution } from '../baseline/kllSketch';
import { chiSquaredSurvival } from './chiSquared';

/**
 * Baseline drift distances of deequ's Distance object (reference section 4), which SageMaker's
 * DistanceGenerator uses.
 */

/** deequ's critical value of the two-sample Kolmogorov-Smirnov test when no alpha is given. */
const KS_CRITICAL_VALUE = 1.8;

export type ComparisonMethod = 'Simple' | 'Robust';

/**
 * "Robust" subtracts the KS critical distance for n and m samples, so small windows do not
 * drift by chance; "Simple" is the plain L-infinity distance.
 */
function selectDistance(
  linf: number,
  n: number,
  m: number,
  method: ComparisonMethod,
): number {
  if (method === 'Simple') return linf;
  return Math.max(0, linf - KS_CRITICAL_VALUE * Math.sqrt((n + m) / (n * m)));
}

/** L-infinity distance between the CDFs of two KLL sketches, over the union of their items. */
export function numericalDistance(
  baseline: Pick<KllSketchJson, 'data'>,
  current: Pick<KllSketchJson, 'data'>,
  method: ComparisonMethod,
): number {
  const a = new SketchDistribution(baseline);
  const b = new SketchDistribution(current);
  if (a.totalWeight === 0 || b.totalWeight === 0) return 0;
  return selectDistance(a.cdfDistance(b), a.totalWeight, b.totalWeight, method);
}

export interface CategoryCount {
  value: string;
  count: number;
}

/** L-infinity distance between two categorical distributions (normalised counts). */
export function categoricalLInfinity(
  baseline: readonly CategoryCount[],
  current: readonly CategoryCount[],
  method: ComparisonMethod,
): number {
  const n = sum(baseline);
  const m = sum(current);
  if (n === 0 || m === 0) return 0;
  const p = new Map(baseline.map(c => [c.value, c.count / n]));
  const q = new Map(current.map(c => [c.value, c.count / m]));
  let linf = 0;
  for (const value of new Set([...p.keys(), ...q.keys()])) {
    linf = Math.max(linf, Math.abs((p.get(value) ?? 0) - (q.get(value) ?? 0)));
  }
  return selectDistance(linf, n, m, method);
}

/**
 * Chi-squared goodness of fit of the current counts against the baseline proportions, after
 * deequ's regrouping of small expected categories (with 2 categories every expected count must
 * be >= 10; with more, at most 20 % may be < 5): the smallest categories are merged until the
 * rule holds. Returns the p-value, or NaN when fewer than 2 categories remain.
 */
export function categoricalChiSquaredPValue(
  baseline: readonly CategoryCount[],
  current: readonly CategoryCount[],
): number {
  const n = sum(baseline);
  const m = sum(current);
  if (n === 0 || m === 0) return NaN;
  const observed = new Map(current.map(c => [c.value, c.count]));
  // Categories unseen in the baseline have expected count 0: they join the "other" bin.
  let bins = baseline.map(c => ({
    expected: (c.count / n) * m,
    observed: observed.get(c.value) ?? 0,
  }));
  const unseen = current
    .filter(c => !baseline.some(b => b.value === c.value))
    .reduce((total, c) => total + c.count, 0);
  bins.sort((x, y) => x.expected - y.expected);
  if (unseen > 0 && bins.length)
    bins[0] = { ...bins[0], observed: bins[0].observed + unseen };
  const acceptable = () =>
    bins.length === 2
      ? bins.every(b => b.expected >= 10)
      : bins.filter(b => b.expected < 5).length <= 0.2 * bins.length;
  while (bins.length >= 2 && !acceptable()) {
    const [a, b, ...rest] = bins;
    bins = [
      { expected: a.expected + b.expected, observed: a.observed + b.observed },
      ...rest,
    ].sort((x, y) => x.expected - y.expected);
  }
  if (bins.length < 2) return NaN;
  const statistic = bins.reduce(
    (s, b) => s + (b.observed - b.expected) ** 2 / b.expected,
    0,
  );
  return chiSquaredSurvival(statistic, bins.length - 1);
}

function sum(counts: readonly CategoryCount[]): number {
  return counts.reduce((total, c) => total + c.count, 0);
}
