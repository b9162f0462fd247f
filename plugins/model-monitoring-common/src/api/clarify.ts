/* REST API types: bias drift, feature-attribution drift and "features to look at first" (Clarify monitors). See ./index.ts for the conventions every route shares. */
import type { TimeRange, TimePoint, SourceError } from './vocabulary';

/** The facet and label a bias monitor measures, e.g. `sex = Female`, label `income = >50K`. */
export interface BiasFacet {
  /** Facet column, e.g. `sex`. */
  column: string;
  /** The disadvantaged group: a value (`Female`) or a threshold (`>= 40`) as Clarify writes it. */
  value: string;
  /** Label column and the label value that counts as the positive outcome. */
  label: string;
  positiveLabel: string;
}

/** One post-training bias metric of one facet over time, with the band the baseline allows. */
export interface BiasMetricSeries {
  /** Clarify's short name: DPPL, DI, DCA, DCR, RD, DAR, DRR, AD, CDDPL, TE, FT. */
  metric: string;
  /** Clarify's description, e.g. "Disparate Impact (DI)". */
  description: string;
  /** The metric's ideal (no bias): 1 for DI, 0 for the differences. */
  ideal: number;
  /** The baseline's value, null when the baseline could not compute it. */
  baseline: number | null;
  /**
   * Values inside [lower, upper] pass the bias_drift_check: no farther from the ideal than the
   * baseline. Null when the baseline has no value.
   */
  band: { lower: number; upper: number } | null;
  points: TimePoint[];
  /** Value in the newest execution of the range, null when not computed. */
  latest: number | null;
  /** Whether the newest execution has a bias_drift_check violation for this metric. */
  violated: boolean;
}

/**
 * GET /entities/:namespace/:kind/:name/bias?schedule=&from=&to=
 * Bias metrics of the ModelBias schedule over time (default the first ModelBias schedule).
 */
export interface BiasDriftResponse {
  entityRef: string;
  scheduleName: string;
  range: TimeRange;
  facet?: BiasFacet;
  latestWindowEnd?: string;
  metrics: BiasMetricSeries[];
  /** bias_drift_check violations of the newest execution, in Clarify's wording. */
  latestViolations: Array<{ metric: string; facet: string; description: string }>;
  errors?: SourceError[];
}

/** A feature's global attribution (mean |SHAP|) in the baseline and in the newest window. */
export interface FeatureAttribution {
  feature: string;
  baseline: number | null;
  current: number | null;
  /** 1 = most important. Null when the feature is missing from that side. */
  baselineRank: number | null;
  currentRank: number | null;
}

/**
 * GET /entities/:namespace/:kind/:name/attribution?schedule=&from=&to=
 * Feature-attribution drift of the ModelExplainability schedule: ranking baseline vs now and
 * NDCG over time (default the first ModelExplainability schedule).
 */
export interface AttributionDriftResponse {
  entityRef: string;
  scheduleName: string;
  range: TimeRange;
  /** The label (model output) the attributions explain, when named. */
  label?: string;
  latestWindowEnd?: string;
  /** Sorted by the newest window's attribution, largest first. */
  features: FeatureAttribution[];
  /** NDCG of each window's ranking against the baseline's. */
  ndcg: TimePoint[];
  ndcgNow: number | null;
  /** feature_attribution_drift_check fires below this (0.9 unless configured). */
  threshold: number;
  violated: boolean;
  errors?: SourceError[];
}

/** One feature in the "features to look at first" list (drift weighted by attribution). */
export interface DriftContributorItem {
  feature: string;
  /** Drift distance (data quality) or attribution change (feature attribution). */
  drift: number;
  /** Global attribution used as weight, null when unknown. */
  attribution: number | null;
  /** Fraction of the total contribution, 0..1. */
  share: number;
  rank: number;
}

/**
 * GET /entities/:namespace/:kind/:name/drift-contributors
 * Ranks the features of the newest data-quality and attribution executions by how much each
 * contributes to the drift, so a person knows where to look first. Empty `items` when nothing
 * drifted.
 */
export interface DriftContributorsResponse {
  entityRef: string;
  /** What the drift values are: data-quality distances, or attribution changes when no DQ monitor. */
  basis: 'data-quality' | 'feature-attribution' | 'none';
  /** Whether attributions weighted the ranking (an explainability monitor exists). */
  weighted: boolean;
  /** Window of the newest execution used. */
  windowEnd?: string;
  /** Features with a violation in the newest execution(s), in rank order first. */
  items: DriftContributorItem[];
  errors?: SourceError[];
}
