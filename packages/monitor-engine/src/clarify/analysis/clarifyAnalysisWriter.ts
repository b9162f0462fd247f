import { PythonJsonValue, toPythonJson } from './pythonJson';
import {
  ClarifyAnalysis,
  ClarifyBiasMetric,
  ClarifyBiasSection,
  ClarifyShapLabel,
  ClarifyMetricValue,
} from './clarifyAnalysisSchema';

/**
 * Writes analysis.json exactly as the Clarify container does: Python `json.dumps(indent=4)`
 * formatting, keys in Clarify's order (version, post_training_bias_metrics,
 * pre_training_bias_metrics, explanations; label, facets, label_value_or_threshold;
 * value_or_threshold, metrics; name, description, value[, error]), ±Infinity as the strings
 * "Infinity"/"-Infinity" (smclarify's `inf_as_str`), no trailing newline.
 */
export function writeClarifyAnalysis(analysis: ClarifyAnalysis): string {
  const out: Record<string, PythonJsonValue> = { version: analysis.version };
  if (analysis.post_training_bias_metrics) {
    out.post_training_bias_metrics = biasSection(analysis.post_training_bias_metrics);
  }
  if (analysis.pre_training_bias_metrics) {
    out.pre_training_bias_metrics = biasSection(analysis.pre_training_bias_metrics);
  }
  if (analysis.explanations) {
    const explanations: Record<string, PythonJsonValue> = {};
    if (analysis.explanations.kernel_shap) {
      const labels: Record<string, PythonJsonValue> = {};
      for (const [label, values] of Object.entries(analysis.explanations.kernel_shap)) {
        labels[label] = shapLabel(values);
      }
      explanations.kernel_shap = labels;
    }
    out.explanations = explanations;
  }
  return toPythonJson(out);
}

function biasSection(section: ClarifyBiasSection): PythonJsonValue {
  const facets: Record<string, PythonJsonValue> = {};
  for (const [facet, reports] of Object.entries(section.facets)) {
    facets[facet] = reports.map(report => ({
      value_or_threshold: report.value_or_threshold,
      metrics: report.metrics.map(metric),
    }));
  }
  return {
    label: section.label,
    facets,
    label_value_or_threshold: section.label_value_or_threshold,
  };
}

function metric(m: ClarifyBiasMetric): PythonJsonValue {
  return {
    name: m.name,
    description: m.description,
    value: jsonMetricValue(m.value),
    ...(m.error !== undefined ? { error: m.error } : {}),
  };
}

/** A computed number as Clarify writes it into a metric's "value". */
export function jsonMetricValue(value: number | ClarifyMetricValue): ClarifyMetricValue {
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (typeof value === 'number' && Number.isNaN(value)) return 'NaN';
  return value;
}

function shapLabel(values: ClarifyShapLabel): PythonJsonValue {
  return {
    global_shap_values: { ...values.global_shap_values },
    ...(values.expected_value !== undefined ? { expected_value: values.expected_value } : {}),
  };
}
