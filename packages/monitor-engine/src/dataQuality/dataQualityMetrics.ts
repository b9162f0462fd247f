import type { Statistics } from '../formats/statistics';
import type { TypeCounts } from '../baseline/dataTypes';
import type { FeatureEvaluation } from './constraintChecks';

/**
 * The metrics file of a data-quality execution: what SageMaker's container publishes to
 * CloudWatch (reference section 5), written next to the reports as `cloudwatch_metrics.jsonl`
 * in the container's own format (it writes them to /opt/ml/output/metrics/cloudwatch as JSON
 * lines), plus the namespace so the file alone says where the metric would go:
 *
 *   {"Namespace":"aws/sagemaker/Endpoints/data-metrics","MetricName":"feature_baseline_drift_age",
 *    "Timestamp":"2026-01-01T11:00:00Z","Dimensions":[{"Name":"Endpoint","Value":"ep"},
 *    {"Name":"MonitoringSchedule","Value":"ep-data-quality"}],"Value":0.12,"Unit":"None"}
 *
 * Per feature:
 *   feature_data_{f}            numeric features: StatisticValues {SampleCount, Sum, Minimum, Maximum}
 *   feature_non_null_{f}        completeness (non-null share)
 *   feature_baseline_drift_{f}  drift distance, when compared
 *   feature_integral_{f}, feature_fractional_{f}, feature_string_{f}
 *                               share of non-null values detected as each type
 * Written only when the constraints' monitoring_config has emit_metrics Enabled (the default).
 */
export const METRICS_FILE_NAME = 'cloudwatch_metrics.jsonl';
export const DATA_METRICS_NAMESPACE = 'aws/sagemaker/Endpoints/data-metrics';

export interface MetricDatum {
  Namespace: string;
  MetricName: string;
  Timestamp: string;
  Dimensions: { Name: string; Value: string }[];
  Value?: number;
  StatisticValues?: {
    SampleCount: number;
    Sum: number;
    Minimum: number;
    Maximum: number;
  };
  Unit: 'None';
}

export function dataQualityMetrics(options: {
  statistics: Statistics;
  evaluations: FeatureEvaluation[];
  typeCounts: Map<string, TypeCounts>;
  endpoint: string;
  monitoringSchedule: string;
  timestamp: Date;
}): MetricDatum[] {
  const base = {
    Namespace: DATA_METRICS_NAMESPACE,
    Timestamp: `${options.timestamp.toISOString().slice(0, 19)}Z`,
    Dimensions: [
      { Name: 'Endpoint', Value: options.endpoint },
      { Name: 'MonitoringSchedule', Value: options.monitoringSchedule },
    ],
    Unit: 'None' as const,
  };
  const metrics: MetricDatum[] = [];
  const evaluations = new Map(options.evaluations.map(e => [e.name, e]));
  for (const feature of options.statistics.features) {
    const numeric = feature.numerical_statistics;
    if (numeric && numeric.common.num_present > 0) {
      metrics.push({
        ...base,
        MetricName: `feature_data_${feature.name}`,
        StatisticValues: {
          SampleCount: numeric.common.num_present,
          Sum: numeric.sum,
          Minimum: numeric.min,
          Maximum: numeric.max,
        },
      });
    }
    const evaluation = evaluations.get(feature.name);
    if (evaluation?.completeness !== undefined) {
      metrics.push({
        ...base,
        MetricName: `feature_non_null_${feature.name}`,
        Value: evaluation.completeness,
      });
    }
    if (
      evaluation?.driftDistance !== undefined &&
      Number.isFinite(evaluation.driftDistance)
    ) {
      metrics.push({
        ...base,
        MetricName: `feature_baseline_drift_${feature.name}`,
        Value: evaluation.driftDistance,
      });
    }
    const counts = options.typeCounts.get(feature.name);
    const present = counts
      ? counts.integral + counts.fractional + counts.boolean + counts.string
      : 0;
    if (counts && present > 0) {
      metrics.push(
        {
          ...base,
          MetricName: `feature_integral_${feature.name}`,
          Value: counts.integral / present,
        },
        {
          ...base,
          MetricName: `feature_fractional_${feature.name}`,
          Value: counts.fractional / present,
        },
        {
          ...base,
          MetricName: `feature_string_${feature.name}`,
          Value: (counts.string + counts.boolean) / present,
        },
      );
    }
  }
  return metrics;
}

export function formatMetricsJsonl(metrics: MetricDatum[]): string {
  return metrics.map(m => `${JSON.stringify(m)}\n`).join('');
}
