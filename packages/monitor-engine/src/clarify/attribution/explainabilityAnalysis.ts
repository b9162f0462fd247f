import { ClarifyAnalysis } from '../analysis/clarifyAnalysisSchema';
import { AttributionAggregation, LocalAttributions, globalAttributions } from './explainer';

/**
 * Clarify's explainability analysis.json from local attributions:
 * `{"version": "1.0", "explanations": {"kernel_shap": {"label0": {"global_shap_values": {...},
 * "expected_value": ...}}}}`. The label is `label0` unless label headers are configured.
 */
export function explainabilityAnalysis(
  local: LocalAttributions,
  options: { label?: string; aggregation?: AttributionAggregation } = {},
): ClarifyAnalysis {
  return {
    version: '1.0',
    explanations: {
      kernel_shap: {
        [options.label ?? 'label0']: {
          global_shap_values: globalAttributions(local, options.aggregation),
          ...(local.expectedValue !== undefined ? { expected_value: local.expectedValue } : {}),
        },
      },
    },
  };
}
