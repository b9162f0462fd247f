import {
  attributionNdcg,
  metricValueAsNumber,
  type ClarifyAnalysis,
} from '@mlmon/monitor-engine';
import type { ExecutionMetrics } from '../database/ExecutionMetricsStore';

/**
 * The numbers of a Clarify execution as execution_metrics rows, read from its analysis.json
 * (SageMaker's layout, written by the built-in engine or by Clarify). CloudWatch's metric names
 * repeat across facets and labels (the dimensions tell them apart), so the keys carry them:
 *
 *   bias_metric_{METRIC}:{facet}:{facet value}   e.g. bias_metric_DPPL:sex:Female
 *   shap:{label}:{feature}                       global SHAP value of a feature
 *   shap_ndcg:{label}                            NDCG of the window's ranking against the baseline
 *
 * Facet, value, label and feature are URI-encoded so that `:` only separates the parts.
 */
export const BIAS_METRIC_PREFIX = 'bias_metric_';
export const SHAP_PREFIX = 'shap:';
export const NDCG_PREFIX = 'shap_ndcg:';
/** execution_metrics.metric is a varchar(255): longer keys are left out. */
const MAX_KEY = 255;

const part = (text: string) => encodeURIComponent(text);

export function biasMetricKey(metric: string, facet: string, value: string): string {
  return `${BIAS_METRIC_PREFIX}${metric}:${part(facet)}:${part(value)}`;
}

export function parseBiasMetricKey(key: string): { metric: string; facet: string; value: string } | undefined {
  if (!key.startsWith(BIAS_METRIC_PREFIX)) return undefined;
  const [metric, facet, value, ...rest] = key.slice(BIAS_METRIC_PREFIX.length).split(':');
  if (facet === undefined || value === undefined || rest.length) return undefined;
  try {
    return { metric, facet: decodeURIComponent(facet), value: decodeURIComponent(value) };
  } catch {
    return undefined;
  }
}

export const shapKey = (label: string, feature: string) => `${SHAP_PREFIX}${part(label)}:${part(feature)}`;
export const shapKeyPrefix = (label: string) => `${SHAP_PREFIX}${part(label)}:`;
export const ndcgKey = (label: string) => `${NDCG_PREFIX}${part(label)}`;

export function featureOfShapKey(key: string, label: string): string | undefined {
  const prefix = shapKeyPrefix(label);
  if (!key.startsWith(prefix)) return undefined;
  try {
    return decodeURIComponent(key.slice(prefix.length));
  } catch {
    return undefined;
  }
}

/**
 * Metrics of one Clarify analysis.json: every post-training bias metric with a finite value, every
 * global SHAP value and, with the baseline's analysis, the NDCG of each label it also explains.
 */
export function clarifyExecutionMetrics(analysis: ClarifyAnalysis, baseline?: ClarifyAnalysis): ExecutionMetrics {
  const metrics: ExecutionMetrics = {};
  const put = (key: string, value: number | null) => {
    if (key.length <= MAX_KEY && value !== null && Number.isFinite(value)) metrics[key] = value;
  };
  for (const [facet, reports] of Object.entries(analysis.post_training_bias_metrics?.facets ?? {})) {
    for (const report of reports) {
      for (const m of report.metrics) put(biasMetricKey(m.name, facet, report.value_or_threshold), metricValueAsNumber(m.value));
    }
  }
  const baselineLabels = baseline?.explanations?.kernel_shap ?? {};
  for (const [label, values] of Object.entries(analysis.explanations?.kernel_shap ?? {})) {
    for (const [feature, value] of Object.entries(values.global_shap_values)) put(shapKey(label, feature), value);
    const reference = baselineLabels[label];
    if (reference) put(ndcgKey(label), attributionNdcg(reference.global_shap_values, values.global_shap_values));
  }
  return metrics;
}
