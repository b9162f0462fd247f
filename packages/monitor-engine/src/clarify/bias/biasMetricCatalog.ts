/**
 * Names, descriptions and ideal values of Clarify's bias metrics. Descriptions are the exact
 * strings Clarify writes into analysis.json (the first line of each smclarify metric docstring,
 * including smclarify's "Kullback-Liebler" spelling).
 */
export const POST_TRAINING_METRIC_DESCRIPTIONS = {
  AD: 'Accuracy Difference (AD)',
  CDDPL: 'Conditional Demographic Disparity in Predicted Labels (CDDPL)',
  DAR: 'Difference in Acceptance Rates (DAR)',
  DCA: 'Difference in Conditional Acceptance (DCA)',
  DCR: 'Difference in Conditional Rejection (DCR)',
  DI: 'Disparate Impact (DI)',
  DPPL: 'Difference in Positive Proportions in Predicted Labels (DPPL)',
  DRR: 'Difference in Rejection Rates (DRR)',
  FT: 'Flip Test (FT)',
  GE: 'Generalized Entropy (GE)',
  RD: 'Recall Difference (RD)',
  SD: 'Specificity Difference (SD)',
  TE: 'Treatment Equality (TE)',
} as const;

export const PRE_TRAINING_METRIC_DESCRIPTIONS = {
  CDDL: 'Conditional Demographic Disparity in Labels (CDDL)',
  CI: 'Class Imbalance (CI)',
  DPL: 'Difference in Positive Proportions in Labels (DPL)',
  JS: 'Jensen-Shannon Divergence (JS)',
  KL: 'Kullback-Liebler Divergence (KL)',
  KS: 'Kolmogorov-Smirnov Distance (KS)',
  LP: 'L-p Norm (LP)',
  TVD: 'Total Variation Distance (TVD)',
} as const;

export type PostTrainingMetricName = keyof typeof POST_TRAINING_METRIC_DESCRIPTIONS;
export type PreTrainingMetricName = keyof typeof PRE_TRAINING_METRIC_DESCRIPTIONS;

/** All post-training metric names, sorted by name as smclarify sorts them in a report. */
export const POST_TRAINING_METRIC_NAMES = Object.keys(
  POST_TRAINING_METRIC_DESCRIPTIONS,
).sort() as PostTrainingMetricName[];

export function isPostTrainingMetricName(name: string): name is PostTrainingMetricName {
  return Object.prototype.hasOwnProperty.call(POST_TRAINING_METRIC_DESCRIPTIONS, name);
}

/**
 * The value a metric takes for a perfectly unbiased model. Disparate impact is a ratio (ideal 1);
 * every other Clarify bias metric is a difference or a divergence (ideal 0). Bias drift measures
 * how far a value is from its ideal.
 */
export function idealMetricValue(name: string): number {
  return name === 'DI' ? 1 : 0;
}

/** One computed metric, as it appears in analysis.json (value null when `error` is set). */
export interface BiasMetricResult {
  name: string;
  description: string;
  /** ±Infinity is allowed here; analysis.json writes it as the string "Infinity". */
  value: number | null;
  error?: string;
}
