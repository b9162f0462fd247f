import { binaryMetrics } from './binaryMetrics';
import { ConfusionCell, ConfusionMatrix } from './confusionMatrix';
import { multiclassMetrics } from './multiclassMetrics';
import { ProblemType, ScalarMetricName, scalarMetricNames } from './problemType';
import { regressionMetrics, RegressionSums } from './regressionMetrics';
import { ScoreBucket, ScoreCurves } from './scoreCurves';

/**
 * SageMaker gives a standard deviation only from 200 rows on, computed over 5 random 80 %
 * samples of the data; below that it writes "NaN".
 */
export const MIN_ROWS_FOR_STANDARD_DEVIATION = 200;
export const STANDARD_DEVIATION_REPLICATES = 5;
export const STANDARD_DEVIATION_SAMPLE_PERCENT = 80;

/** Aggregates of one set of rows, as the SQL layer returns them. */
export interface ModelQualityAggregate {
  itemCount: number;
  regression?: RegressionSums;
  confusion?: readonly ConfusionCell[];
  scores?: readonly ScoreBucket[];
}

/** Aggregates of all rows plus those of each random 80 % sample (for standard deviations). */
export interface ReplicatedAggregate {
  full: ModelQualityAggregate;
  replicates: readonly ModelQualityAggregate[];
}

export interface MetricValue {
  value: number;
  /** NaN is written as "NaN", as SageMaker does. */
  standardDeviation: number;
}

export interface ModelQualityMetrics {
  problemType: ProblemType;
  itemCount: number;
  /** Scalar metrics in statistics.json order. */
  values: Map<ScalarMetricName, MetricValue>;
  confusionMatrix?: ConfusionMatrix;
  curves?: ScoreCurves;
}

export interface MetricOptions {
  positiveLabel?: string;
  /** Spark's numBins for the written ROC/PR curves (0 keeps every threshold). */
  curveBins?: number;
}

interface PointMetrics {
  scalars: Partial<Record<ScalarMetricName, number>>;
  confusionMatrix?: ConfusionMatrix;
  curves?: ScoreCurves;
}

function pointMetrics(
  problemType: ProblemType,
  aggregate: ModelQualityAggregate,
  options: MetricOptions,
): PointMetrics {
  if (problemType === 'Regression') {
    if (!aggregate.regression) throw new Error('Regression metrics need regression sums');
    return { scalars: regressionMetrics(aggregate.regression) };
  }
  const matrix = ConfusionMatrix.fromCells(aggregate.confusion ?? []);
  if (problemType === 'BinaryClassification') {
    const labels = matrix.labels();
    if (labels.length > 2) {
      throw new Error(
        `BinaryClassification needs at most two classes, but the labels and predictions hold ${labels.length}: ${labels
          .slice(0, 10)
          .join(', ')}${labels.length > 10 ? ', …' : ''}`,
      );
    }
    return binaryMetrics(matrix, aggregate.scores ?? [], options);
  }
  return multiclassMetrics(matrix);
}

/** Sample standard deviation (n − 1), as Spark's stddev aggregate. */
export function sampleStandardDeviation(values: readonly number[]): number {
  if (values.length < 2) return NaN;
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  const squared = values.reduce((sum, v) => sum + (v - mean) * (v - mean), 0);
  return Math.sqrt(squared / (values.length - 1));
}

/** All metrics of one window or baseline data set, with standard deviations where due. */
export function computeModelQualityMetrics(
  problemType: ProblemType,
  aggregate: ReplicatedAggregate,
  options: MetricOptions = {},
): ModelQualityMetrics {
  const full = pointMetrics(problemType, aggregate.full, options);
  const withSpread =
    aggregate.full.itemCount >= MIN_ROWS_FOR_STANDARD_DEVIATION &&
    aggregate.replicates.length >= 2;
  const replicateMetrics = withSpread
    ? aggregate.replicates.map(replicate => pointMetrics(problemType, replicate, options))
    : [];
  const values = new Map<ScalarMetricName, MetricValue>();
  for (const name of scalarMetricNames(problemType)) {
    const value = full.scalars[name] ?? NaN;
    const standardDeviation = withSpread
      ? sampleStandardDeviation(replicateMetrics.map(m => m.scalars[name] ?? NaN))
      : NaN;
    values.set(name, { value, standardDeviation });
  }
  return {
    problemType,
    itemCount: aggregate.full.itemCount,
    values,
    confusionMatrix: full.confusionMatrix,
    curves: full.curves,
  };
}
