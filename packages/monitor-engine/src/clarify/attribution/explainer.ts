import { CellValue } from '../bias/biasAnalysisConfig';

/**
 * Where feature attributions come from. Every explainer returns local (per-row) SHAP values in
 * one stated output space; global attributions and drift are computed from them.
 *
 * Output spaces:
 * - 'model-output': SHAP values of what the model returns (a probability for a classifier).
 *   This is Clarify's default (`use_logit: false`).
 * - 'log-odds': SHAP values of logit(model output), Clarify's `use_logit: true`.
 */
export type AttributionOutputSpace = 'model-output' | 'log-odds';

/** One row of feature values, in the explainer's feature order. */
export type FeatureRow = readonly CellValue[];

export interface LocalAttributions {
  featureNames: readonly string[];
  /** values[r][f]: attribution of feature f for row r. */
  values: number[][];
  /** The model's mean output over the background (SHAP's base value); undefined if unknown. */
  expectedValue?: number;
  outputSpace: AttributionOutputSpace;
  method: 'exact_linear' | 'kernel_shap' | 'captured';
}

export interface Explainer {
  readonly featureNames: readonly string[];
  explain(rows: readonly FeatureRow[]): Promise<LocalAttributions>;
}

/** Any model reachable through a function: rows in, one score per row out. */
export type ModelInvoker = (rows: readonly FeatureRow[]) => Promise<number[]>;

/** How local values become one global value per feature (Clarify's `agg_method`). */
export type AttributionAggregation = 'mean_abs' | 'median' | 'mean_sq';

export function globalAttributions(
  local: LocalAttributions,
  aggregation: AttributionAggregation = 'mean_abs',
): Record<string, number> {
  const out: Record<string, number> = {};
  local.featureNames.forEach((name, f) => {
    const column = local.values.map(row => row[f]);
    out[name] = aggregate(column, aggregation);
  });
  return out;
}

function aggregate(values: number[], aggregation: AttributionAggregation): number {
  if (values.length === 0) return 0;
  if (aggregation === 'mean_abs') return values.reduce((s, v) => s + Math.abs(v), 0) / values.length;
  if (aggregation === 'mean_sq') return values.reduce((s, v) => s + v * v, 0) / values.length;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
