import { ClarifyAnalysis } from '../analysis/clarifyAnalysisSchema';
import { AttributionDriftViolation, DEFAULT_ATTRIBUTION_DRIFT_THRESHOLD, checkAttributionDrift } from '../attribution/attributionDriftCheck';
import { explainabilityAnalysis } from '../attribution/explainabilityAnalysis';
import { AttributionAggregation, Explainer, FeatureRow, LocalAttributions } from '../attribution/explainer';
import { CloudWatchMetricBatch, MetricContext, attributionCloudWatchMetrics } from '../clarifyCloudWatchMetrics';
import { DriftContributor, attributionChangeByFeature, rankDriftContributors } from '../drift/rankDriftContributors';

export interface AttributionJobInput {
  explainer: Explainer;
  /** Rows to explain, in the explainer's feature order. */
  rows: readonly FeatureRow[];
  /** Label key in analysis.json; Clarify uses "label0" without label headers. */
  label?: string;
  aggregation?: AttributionAggregation;
}

export interface AttributionAnalysisResult {
  analysis: ClarifyAnalysis;
  local: LocalAttributions;
}

/** Clarify's explainability analysis.json (global SHAP values) for a baseline or a window. */
export async function runAttributionAnalysis(input: AttributionJobInput): Promise<AttributionAnalysisResult> {
  if (input.rows.length === 0) throw new Error('No rows to explain');
  const local = await input.explainer.explain(input.rows);
  return { analysis: explainabilityAnalysis(local, { label: input.label, aggregation: input.aggregation }), local };
}

export interface AttributionDriftExecution extends AttributionAnalysisResult {
  ndcgByLabel: Record<string, number>;
  violations: AttributionDriftViolation[];
  /** Per label: features ranked by attribution change weighted by baseline attribution. */
  contributorsByLabel: Record<string, DriftContributor[]>;
  metrics?: CloudWatchMetricBatch;
}

export interface AttributionDriftOptions {
  baseline: ClarifyAnalysis;
  threshold?: number;
  metricContext?: MetricContext;
  label?: string;
  aggregation?: AttributionAggregation;
}

/** One feature-attribution-drift execution: the window's attributions against the baseline. */
export async function runAttributionDriftMonitor(
  input: AttributionJobInput & AttributionDriftOptions,
): Promise<AttributionDriftExecution> {
  if (input.rows.length === 0) throw new Error('No rows to explain');
  return attributionDriftFromLocal(await input.explainer.explain(input.rows), input);
}

/**
 * The drift check over local attributions already computed (e.g. carried in the captured
 * output): analysis.json, NDCG per label, violations, drift contributors and CloudWatch records.
 */
export function attributionDriftFromLocal(
  local: LocalAttributions,
  options: AttributionDriftOptions,
): AttributionDriftExecution {
  const analysis = explainabilityAnalysis(local, { label: options.label, aggregation: options.aggregation });
  const drift = checkAttributionDrift(options.baseline, analysis, options.threshold ?? DEFAULT_ATTRIBUTION_DRIFT_THRESHOLD);
  const contributorsByLabel: Record<string, DriftContributor[]> = {};
  for (const label of Object.keys(drift.ndcgByLabel)) {
    const before = options.baseline.explanations!.kernel_shap![label].global_shap_values;
    const now = analysis.explanations!.kernel_shap![label].global_shap_values;
    contributorsByLabel[label] = rankDriftContributors({
      driftByFeature: attributionChangeByFeature(before, now),
      attributionByFeature: before,
    });
  }
  return {
    analysis,
    local,
    ...drift,
    contributorsByLabel,
    metrics: options.metricContext ? attributionCloudWatchMetrics(analysis, options.metricContext) : undefined,
  };
}
