/* REST API types: data quality: drift, violations, feature statistics, predictions. See ./index.ts for the conventions every route shares. */
import type { TimeRange, TimePoint, SourceError } from './vocabulary';

/** Drift of one feature in the newest execution. */
export interface FeatureDriftNow {
  feature: string;
  inferredType: 'Integral' | 'Fractional' | 'String' | 'Unknown';
  /** Baseline drift distance (KLL L∞ / categorical L∞), null when not computed. */
  distance: number | null;
  threshold: number | null;
  /** Constraint checks this feature violated in the newest execution. */
  violations: string[];
  completeness: number | null;
  baselineCompleteness: number | null;
}

/** A feature's drift distance over time. */
export interface FeatureDriftSeries {
  feature: string;
  points: TimePoint[];
}

/**
 * GET /entities/:namespace/:kind/:name/drift?schedule=&from=&to=&features=a,b&maxPoints=
 * Per-feature drift now (newest execution in range) and over time. `features` limits the
 * series (at most 50 names; default the 10 most drifted). `maxPoints` (2..5000, default 500)
 * bounds the points per series: a range with more windows is downsampled (see
 * {@link DriftResponse.bucketSeconds}).
 */
export interface DriftResponse {
  entityRef: string;
  scheduleName: string;
  range: TimeRange;
  /** Window of the newest execution, the one `now` describes. */
  latestWindowEnd?: string;
  now: FeatureDriftNow[];
  series: FeatureDriftSeries[];
  /**
   * Present when the series were downsampled: each point is the highest distance of the
   * windows in one bucket of this many seconds (buckets aligned to the epoch, UTC), at the end
   * of the bucket's last window. The maximum, because drift is about peaks: one window over the
   * threshold stays visible. Absent: one point per window.
   */
  bucketSeconds?: number;
  errors?: SourceError[];
}

/** Violations of one window, counted by check type. */
export interface ViolationsPoint {
  time: string;
  total: number;
  /** By constraint_check_type: data_type_check, baseline_drift_check, LessThanThreshold, ... */
  byCheckType: Record<string, number>;
}

/** GET /entities/:namespace/:kind/:name/violations?schedule=&from=&to= (all schedules when absent) */
export interface ViolationsResponse {
  entityRef: string;
  range: TimeRange;
  points: ViolationsPoint[];
  /** Violations of the newest execution, as written in constraint_violations.json. */
  latest: Array<{
    scheduleName: string;
    feature?: string;
    metric?: string;
    checkType: string;
    description: string;
  }>;
  errors?: SourceError[];
}

/** A bucket of a numeric distribution (from KLL sketch / histogram buckets). */
export interface NumericBucket {
  lowerBound: number;
  upperBound: number;
  /** Share of the non-null values, 0..1, so baseline and window overlay on one scale. */
  share: number;
  count: number;
}

/** Summary statistics of a numeric feature. */
export interface NumericSummary {
  mean: number;
  min: number;
  max: number;
  stdDev: number;
  sum: number;
  /** p5, p25, p50, p75, p95 from the KLL sketch, when present. */
  quantiles?: Record<string, number>;
}

/** One side (baseline or window) of a feature's statistics. */
export interface FeatureDistribution {
  itemCount: number;
  missing: number;
  numeric?: NumericSummary & { buckets: NumericBucket[] };
  /** Categorical: share per category (top 50, the rest summed as `__other__`). */
  categorical?: Array<{ value: string; count: number; share: number }>;
}

/**
 * GET /entities/:namespace/:kind/:name/features/:feature?schedule=&windowEnd=
 * Baseline vs one window (default the newest) of one feature, for distribution overlays.
 * Numeric buckets of both sides share the same bounds.
 */
export interface FeatureStatisticsResponse {
  entityRef: string;
  scheduleName: string;
  feature: string;
  inferredType: 'Integral' | 'Fractional' | 'String' | 'Unknown';
  windowEnd?: string;
  baseline: FeatureDistribution;
  window?: FeatureDistribution;
  distance: number | null;
  threshold: number | null;
  errors?: SourceError[];
}

/**
 * GET /entities/:namespace/:kind/:name/predictions?schedule=&windowEnd=
 * Distribution of the model's output (the inference attribute): baseline vs a window.
 */
export interface PredictionDistributionResponse {
  entityRef: string;
  scheduleName: string;
  /** The column the predictions are in (e.g. `_c0`, `prediction`). */
  attribute: string;
  windowEnd?: string;
  baseline?: FeatureDistribution;
  window?: FeatureDistribution;
  /** Share of the predictions over time (mean for numeric outputs, positive rate for binary). */
  series: TimePoint[];
  errors?: SourceError[];
}
