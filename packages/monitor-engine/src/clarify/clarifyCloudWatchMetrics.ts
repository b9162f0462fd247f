import { ClarifyAnalysis, metricValueAsNumber } from './analysis/clarifyAnalysisSchema';

/**
 * The CloudWatch metrics SageMaker publishes for Clarify monitors, as records in the container's
 * `/opt/ml/output/metrics/cloudwatch` JSON-lines shape, plus their namespace:
 *
 * - bias drift: namespace `aws/sagemaker/Endpoints/bias-metrics` (batch transform:
 *   `aws/sagemaker/ModelMonitoring/bias-metrics`), metric `bias_metric_{NAME}`, dimensions
 *   Endpoint, MonitoringSchedule, BiasStage (`Pre-training` / `Post-Training`), Label,
 *   LabelValue, Facet, FacetValue. ±Infinity is published as ±2.348543e108; metrics without a
 *   value (errors) are not published.
 * - feature attribution: namespace `aws/sagemaker/Endpoints/explainability-metrics` (batch:
 *   `aws/sagemaker/ModelMonitoring/explainability-metrics`), metric `feature_{name}` with
 *   ValueType `GlobalShapValues`, and `expected_value` with ValueType `ExpectedValue`;
 *   dimensions Endpoint, MonitoringSchedule, ExplainabilityMethod (`KernelShap`), Label, ValueType.
 */
export interface CloudWatchMetricRecord {
  MetricName: string;
  Timestamp: string;
  Dimensions: Array<{ Name: string; Value: string }>;
  Value: number;
}

export interface CloudWatchMetricBatch {
  namespace: string;
  records: CloudWatchMetricRecord[];
}

export interface MetricContext {
  /** Omit for a batch-transform schedule (no Endpoint dimension, ModelMonitoring namespace). */
  endpoint?: string;
  monitoringSchedule: string;
  /** The scheduled time of the execution. */
  timestamp: Date;
}

/** What CloudWatch receives instead of an infinite value. */
export const CLOUDWATCH_INFINITY = 2.348543e108;

function namespace(context: MetricContext, kind: 'bias-metrics' | 'explainability-metrics'): string {
  return context.endpoint !== undefined ? `aws/sagemaker/Endpoints/${kind}` : `aws/sagemaker/ModelMonitoring/${kind}`;
}

function baseDimensions(context: MetricContext): Array<{ Name: string; Value: string }> {
  return [
    ...(context.endpoint !== undefined ? [{ Name: 'Endpoint', Value: context.endpoint }] : []),
    { Name: 'MonitoringSchedule', Value: context.monitoringSchedule },
  ];
}

function timestampText(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function biasCloudWatchMetrics(analysis: ClarifyAnalysis, context: MetricContext): CloudWatchMetricBatch {
  const records: CloudWatchMetricRecord[] = [];
  const stages = [
    ['Pre-training', analysis.pre_training_bias_metrics],
    ['Post-Training', analysis.post_training_bias_metrics],
  ] as const;
  for (const [stage, section] of stages) {
    if (!section) continue;
    for (const [facet, reports] of Object.entries(section.facets)) {
      for (const report of reports) {
        for (const metric of report.metrics) {
          const value = metricValueAsNumber(metric.value);
          if (value === null || Number.isNaN(value)) continue;
          records.push({
            MetricName: `bias_metric_${metric.name}`,
            Timestamp: timestampText(context.timestamp),
            Dimensions: [
              ...baseDimensions(context),
              { Name: 'BiasStage', Value: stage },
              { Name: 'Label', Value: section.label },
              { Name: 'LabelValue', Value: section.label_value_or_threshold },
              { Name: 'Facet', Value: facet },
              { Name: 'FacetValue', Value: report.value_or_threshold },
            ],
            Value: Number.isFinite(value) ? value : Math.sign(value) * CLOUDWATCH_INFINITY,
          });
        }
      }
    }
  }
  return { namespace: namespace(context, 'bias-metrics'), records };
}

export function attributionCloudWatchMetrics(analysis: ClarifyAnalysis, context: MetricContext): CloudWatchMetricBatch {
  const records: CloudWatchMetricRecord[] = [];
  for (const [label, values] of Object.entries(analysis.explanations?.kernel_shap ?? {})) {
    const dimensions = (valueType: string) => [
      ...baseDimensions(context),
      { Name: 'ExplainabilityMethod', Value: 'KernelShap' },
      { Name: 'Label', Value: label },
      { Name: 'ValueType', Value: valueType },
    ];
    for (const [feature, value] of Object.entries(values.global_shap_values)) {
      records.push({ MetricName: `feature_${feature}`, Timestamp: timestampText(context.timestamp), Dimensions: dimensions('GlobalShapValues'), Value: value });
    }
    if (values.expected_value !== undefined) {
      records.push({ MetricName: 'expected_value', Timestamp: timestampText(context.timestamp), Dimensions: dimensions('ExpectedValue'), Value: values.expected_value });
    }
  }
  return { namespace: namespace(context, 'explainability-metrics'), records };
}

/** The records as JSON lines, as the container writes them for the CloudWatch agent. */
export function cloudWatchMetricLines(batch: CloudWatchMetricBatch): string {
  return batch.records.map(r => JSON.stringify(r)).join('\n') + (batch.records.length ? '\n' : '');
}
