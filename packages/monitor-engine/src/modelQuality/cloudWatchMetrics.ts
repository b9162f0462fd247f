import { ModelQualityMetrics } from './computeMetrics';

/** Namespace of model-quality metrics of an endpoint schedule (reference §5). */
export const MODEL_QUALITY_METRICS_NAMESPACE = 'aws/sagemaker/Endpoints/model-metrics';

export interface CloudWatchMetricDatum {
  MetricName: string;
  Timestamp: string;
  Dimensions: Array<{ Name: string; Value: string }>;
  Value: number;
}

/**
 * The metrics a SageMaker model-quality execution publishes: one per scalar metric, snake_case
 * names, dimensions Endpoint and MonitoringSchedule, stamped with the scheduled time. NaN
 * values are left out because CloudWatch rejects them.
 */
export function modelQualityCloudWatchMetrics(
  metrics: ModelQualityMetrics,
  context: { endpoint: string; schedule: string; timestamp: Date },
): CloudWatchMetricDatum[] {
  const timestamp = `${context.timestamp.toISOString().slice(0, 19)}Z`;
  const dimensions = [
    { Name: 'Endpoint', Value: context.endpoint },
    { Name: 'MonitoringSchedule', Value: context.schedule },
  ];
  const data: CloudWatchMetricDatum[] = [];
  for (const [name, metric] of metrics.values) {
    if (!Number.isFinite(metric.value)) continue;
    data.push({ MetricName: name, Timestamp: timestamp, Dimensions: dimensions, Value: metric.value });
  }
  return data;
}

/** JSON Lines, as the container writes them under /opt/ml/output/metrics/cloudwatch. */
export function cloudWatchMetricsJsonl(data: readonly CloudWatchMetricDatum[]): string {
  return data.map(datum => `${JSON.stringify(datum)}\n`).join('');
}
