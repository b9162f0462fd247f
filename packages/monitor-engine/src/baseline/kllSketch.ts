import type { KllBucket, KllSketchJson } from '../formats/statistics';

/**
 * The KLL sketch part of statistics.json (reference section 2.2) and what the engine computes
 * from it.
 *
 * deequ's sketch keeps up to 2050 values in a single level, in input order; SageMaker's files
 * show exactly that for small columns and we reproduce it bit for bit. Beyond that, deequ's
 * compaction result depends on Spark's partitioning and cannot be reproduced anyway, so the
 * engine builds an equivalent sketch deterministically in SQL: every 2^h-th value in sorted
 * order at level h (weight 2^h) plus the remainder at level 0, which keeps the total weight
 * equal to the number of values. Up to sketchItems.ts's SAMPLE_SIZE values every rank is within
 * 2^h of the truth; beyond, the ranks are read from a fixed-size sample (see sketchItems.ts).
 */

/** deequ's defaults, written into every sketch. */
export const KLL_SHRINKING_FACTOR = 0.64;
export const KLL_SKETCH_SIZE = 2048;
/** Capacity of deequ's first compactor: 2 * (ceil(k / 2) + 1). */
export const KLL_SINGLE_LEVEL_CAPACITY =
  2 * (Math.ceil(KLL_SKETCH_SIZE / 2) + 1);
/** SageMaker materialises 10 equal-width buckets; not configurable. */
export const KLL_BUCKET_COUNT = 10;

/** Equal-width bucket bounds between min and max, computed in SageMaker's exact order. */
export function bucketBounds(
  min: number,
  max: number,
): { lower: number; upper: number }[] {
  const bounds = [];
  for (let i = 0; i < KLL_BUCKET_COUNT; i++) {
    bounds.push({
      lower: min + ((max - min) * i) / KLL_BUCKET_COUNT,
      upper: min + ((max - min) * (i + 1)) / KLL_BUCKET_COUNT,
    });
  }
  return bounds;
}

/** Buckets from exact counts of values per bucket (the last bucket includes max). */
export function kllBuckets(
  min: number,
  max: number,
  counts: readonly number[],
): KllBucket[] {
  return bucketBounds(min, max).map((b, i) => ({
    lower_bound: b.lower,
    upper_bound: b.upper,
    count: counts[i] ?? 0,
  }));
}

/**
 * The level used for a column of n values: 0 when they fit one compactor, else the smallest h
 * whose sample (every 2^h-th value) fits deequ's sketch size.
 */
export function sketchLevelFor(n: number): number {
  if (n <= KLL_SINGLE_LEVEL_CAPACITY) return 0;
  let h = 1;
  while (Math.floor(n / 2 ** h) > KLL_SKETCH_SIZE) h++;
  return h;
}

/**
 * Assembles `sketch.data`: level-0 items and, for h > 0, the level-h sample with empty levels
 * in between (SageMaker writes empty levels as `[ ]`).
 */
export function kllSketch(
  level0: number[],
  levelH: number[],
  h: number,
): KllSketchJson {
  const data: number[][] = [level0];
  for (let level = 1; level <= h; level++) data.push(level === h ? levelH : []);
  return { parameters: { c: KLL_SHRINKING_FACTOR, k: KLL_SKETCH_SIZE }, data };
}

/** A sketch as weighted sorted items, for ranks and CDFs (deequ Distance.numericalDistance). */
export class SketchDistribution {
  private readonly items: Float64Array;
  private readonly cumulative: Float64Array;
  readonly totalWeight: number;

  constructor(sketch: Pick<KllSketchJson, 'data'>) {
    // Each level sorted on its own (a typed-array sort, without a comparator), then merged:
    // a sketch has a few levels of up to thousands of items, and a monitoring job reads dozens.
    const levels = sketch.data
      .map((level, h) => ({
        items: Float64Array.from(level).sort(),
        weight: 2 ** h,
        next: 0,
      }))
      .filter(level => level.items.length > 0);
    const size = levels.reduce((total, level) => total + level.items.length, 0);
    this.items = new Float64Array(size);
    this.cumulative = new Float64Array(size);
    let sum = 0;
    for (let k = 0; k < size; k++) {
      let lowest = levels[0];
      for (const level of levels) {
        if (
          lowest.next >= lowest.items.length ||
          (level.next < level.items.length &&
            level.items[level.next] < lowest.items[lowest.next])
        )
          lowest = level;
      }
      this.items[k] = lowest.items[lowest.next++];
      sum += lowest.weight;
      this.cumulative[k] = sum;
    }
    this.totalWeight = sum;
  }

  /**
   * The largest difference between this CDF and another's over the items of both: each CDF
   * read once in ascending order, as deequ reads it at every key of the union.
   */
  cdfDistance(other: SketchDistribution): number {
    const [a, b] = [this, other];
    let [i, j, distance] = [0, 0, 0];
    while (i < a.items.length || j < b.items.length) {
      const key = Math.min(
        i < a.items.length ? a.items[i] : Infinity,
        j < b.items.length ? b.items[j] : Infinity,
      );
      while (i < a.items.length && a.items[i] <= key) i++;
      while (j < b.items.length && b.items[j] <= key) j++;
      const cdfA = i === 0 ? 0 : a.cumulative[i - 1] / a.totalWeight;
      const cdfB = j === 0 ? 0 : b.cumulative[j - 1] / b.totalWeight;
      distance = Math.max(distance, Math.abs(cdfA - cdfB));
    }
    return distance;
  }

  /** Distinct item values, ascending. */
  keys(): number[] {
    return Array.from(
      this.items.filter((x, k) => k === 0 || x !== this.items[k - 1]),
    );
  }

  /** Total weight of items <= x (of items < x when `exclusive`). */
  rank(x: number, exclusive = false): number {
    // Binary search for the first index whose item is above x (at or above x, exclusive).
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (exclusive ? this.items[mid] < x : this.items[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? 0 : this.cumulative[lo - 1];
  }

  /**
   * Counts of the 10 equal-width buckets between min and max as deequ reads them from its
   * sketch: rankExclusive(upper) - rankExclusive(lower), the last bucket inclusive of max.
   */
  bucketCounts(min: number, max: number): number[] {
    return bucketBounds(min, max).map(({ lower, upper }, i) =>
      i === KLL_BUCKET_COUNT - 1
        ? this.rank(upper) - this.rank(lower, true)
        : this.rank(upper, true) - this.rank(lower, true),
    );
  }

  cdf(x: number): number {
    return this.totalWeight === 0 ? 0 : this.rank(x) / this.totalWeight;
  }
}
