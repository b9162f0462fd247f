import type {
  ProblemType,
  QualityMetricSeries,
} from '@mlmon/plugin-model-monitoring-common';
import { isLowerBetter } from '../shared';

/** The metric that sums up quality best for each problem type, in order of preference. */
const PREFERRED_METRICS: Record<ProblemType, string[]> = {
  Regression: ['rmse', 'mae', 'r2'],
  BinaryClassification: ['auc', 'f1', 'accuracy'],
  MulticlassClassification: ['weighted_f1', 'accuracy', 'weighted_precision'],
};

/** Picks the key metric: the problem type's preferred one, else one with a threshold, else any. */
export function pickKeyMetric(
  metrics: QualityMetricSeries[],
  problemType?: ProblemType,
): QualityMetricSeries | undefined {
  const preferred = problemType ? PREFERRED_METRICS[problemType] : [];
  for (const name of preferred) {
    const found = metrics.find(m => m.metric === name);
    if (found) return found;
  }
  return metrics.find(m => m.threshold !== undefined) ?? metrics[0];
}

/** The newest non-null value of a series. */
export function latestValue(series: QualityMetricSeries): number | undefined {
  for (let i = series.points.length - 1; i >= 0; i--) {
    const v = series.points[i].value;
    if (v !== null) return v;
  }
  return undefined;
}

/**
 * Whether a value is beyond the threshold, as SageMaker's comparison operators mean it:
 * `LessThanThreshold` violates when the value is below, `GreaterThanThreshold` above.
 */
export function breachesThreshold(
  series: QualityMetricSeries,
  value: number,
): boolean {
  if (series.threshold === undefined) return false;
  const comparison =
    series.comparison ??
    (isLowerBetter(series.metric)
      ? 'GreaterThanThreshold'
      : 'LessThanThreshold');
  return comparison === 'LessThanThreshold'
    ? value < series.threshold
    : value > series.threshold;
}
