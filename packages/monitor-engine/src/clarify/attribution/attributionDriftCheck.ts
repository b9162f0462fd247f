import { ClarifyAnalysis } from '../analysis/clarifyAnalysisSchema';
import { pythonFloatRepr } from '../analysis/pythonJson';
import { attributionNdcg } from './ndcg';

/** Clarify's default (and, in SageMaker, fixed) NDCG threshold. */
export const DEFAULT_ATTRIBUTION_DRIFT_THRESHOLD = 0.9;

export interface AttributionDriftViolation {
  label: string;
  metric_name: 'shap';
  constraint_check_type: 'feature_attribution_drift_check';
  description: string;
}

export interface AttributionDriftResult {
  /** NDCG per label present in both analyses. */
  ndcgByLabel: Record<string, number>;
  violations: AttributionDriftViolation[];
}

/**
 * For each label of the baseline's kernel_shap explanations that the window also explains,
 * computes the NDCG of the window's global SHAP ranking and reports a violation when it is
 * below the threshold, worded as Clarify words it.
 */
export function checkAttributionDrift(
  baseline: ClarifyAnalysis,
  current: ClarifyAnalysis,
  threshold = DEFAULT_ATTRIBUTION_DRIFT_THRESHOLD,
): AttributionDriftResult {
  const ndcgByLabel: Record<string, number> = {};
  const violations: AttributionDriftViolation[] = [];
  const baselineLabels = baseline.explanations?.kernel_shap ?? {};
  const currentLabels = current.explanations?.kernel_shap ?? {};
  for (const [label, reference] of Object.entries(baselineLabels)) {
    const now = currentLabels[label];
    if (!now) continue;
    const ndcg = attributionNdcg(reference.global_shap_values, now.global_shap_values);
    ndcgByLabel[label] = ndcg;
    if (ndcg < threshold) {
      violations.push({
        label,
        metric_name: 'shap',
        constraint_check_type: 'feature_attribution_drift_check',
        description: `Feature attribution drift ${pythonFloatRepr(ndcg)} exceeds threshold ${pythonFloatRepr(threshold)}`,
      });
    }
  }
  return { ndcgByLabel, violations };
}
