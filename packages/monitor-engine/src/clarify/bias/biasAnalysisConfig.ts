import { PostTrainingMetricName } from './biasMetricCatalog';

/**
 * What a bias analysis looks at, as in Clarify's analysis_config.json (`facet`, `label`,
 * `label_values_or_threshold`, `group_variable`, `probability_threshold`, `methods`).
 */

/** A cell value read from a data set. */
export type CellValue = string | number | boolean | null | undefined;

/**
 * The facet (sensitive group). Categorical: the rows whose value is one of `values`
 * (e.g. sex = Female). Numeric: the rows whose value is greater than `threshold`, which Clarify
 * reports as the interval "(threshold, max]".
 */
export type FacetSpec =
  | { column: string; values: readonly (string | number)[] }
  | { column: string; threshold: number };

/** The observed label and the value(s) that count as positive (or a numeric threshold). */
export type LabelSpec =
  | { column: string; positiveValues: readonly (string | number)[] }
  | { column: string; threshold: number };

/**
 * The model's prediction. Either a predicted label, positive under the same rule as the label
 * (Clarify requires predicted labels to use the label's values), or a score/probability that is
 * positive when greater than `probabilityThreshold` (Clarify's ProbabilityThresholdAttribute,
 * default 0.5: the score becomes label 1 above the threshold).
 */
export type PredictionSpec =
  | { column: string }
  | { column: string; probabilityThreshold: number };

export interface BiasAnalysisConfig {
  facet: FacetSpec;
  label: LabelSpec;
  prediction: PredictionSpec;
  /** Column of the group variable for CDDPL; without it CDDPL reports Clarify's error. */
  groupVariable?: string;
  /**
   * Feature columns for the Flip Test (Clarify uses every column except facet, label and
   * prediction). FT is computed only when rows are available and this list is given.
   */
  featureColumns?: readonly string[];
  /** Metrics to compute; all post-training metrics when omitted (Clarify's "all"). */
  metrics?: readonly PostTrainingMetricName[];
}

export function isMissing(value: CellValue): value is null | undefined | '' {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** A finite number from a cell, or undefined. */
export function numericCell(value: CellValue): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'boolean' || isMissing(value)) return undefined;
  const n = Number(value.trim());
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Whether a cell equals one of the configured values: equal as trimmed text, or equal as numbers when
 * both sides are numeric ("1" matches 1 and 1.0, as smclarify converts the configured values to
 * the column's type). The SQL templates implement the same rule.
 */
export function matchesAnyValue(value: CellValue, wanted: readonly (string | number)[]): boolean {
  if (isMissing(value)) return false;
  const text = String(value).trim();
  const asNumber = numericCell(value);
  return wanted.some(w => {
    if (String(w).trim() === text) return true;
    const wantedNumber = numericCell(w);
    return asNumber !== undefined && wantedNumber !== undefined && asNumber === wantedNumber;
  });
}

export function isThresholdFacet(
  facet: FacetSpec,
): facet is { column: string; threshold: number } {
  return 'threshold' in facet;
}

export function isThresholdLabel(
  label: LabelSpec,
): label is { column: string; threshold: number } {
  return 'threshold' in label;
}

export function isProbabilityPrediction(
  prediction: PredictionSpec,
): prediction is { column: string; probabilityThreshold: number } {
  return 'probabilityThreshold' in prediction;
}
