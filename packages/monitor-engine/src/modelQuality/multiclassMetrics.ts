import { ConfusionMatrix } from './confusionMatrix';
import { MulticlassMetricName } from './problemType';
import { fBeta, ratio } from './ratios';

interface WeightedMetrics {
  accuracy: number;
  weighted_recall: number;
  weighted_precision: number;
  weighted_f0_5: number;
  weighted_f1: number;
  weighted_f2: number;
}

/**
 * Support-weighted metrics as Spark's MulticlassMetrics computes them: every ground-truth
 * label contributes its per-class value times its share of rows; per-class precision of a
 * label never predicted is 0.
 */
function weightedMetrics(matrix: ConfusionMatrix): WeightedMetrics {
  const total = matrix.itemCount;
  const result: WeightedMetrics = {
    accuracy: 0,
    weighted_recall: 0,
    weighted_precision: 0,
    weighted_f0_5: 0,
    weighted_f1: 0,
    weighted_f2: 0,
  };
  if (total === 0) return result;
  let correct = 0;
  for (const label of matrix.actualLabels()) {
    const support = matrix.actualTotal(label);
    const truePositives = matrix.count(label, label);
    correct += truePositives;
    const weight = support / total;
    const recall = ratio(truePositives, support);
    const precision = ratio(truePositives, matrix.predictedTotal(label));
    result.weighted_recall += weight * recall;
    result.weighted_precision += weight * precision;
    result.weighted_f0_5 += weight * fBeta(precision, recall, 0.5);
    result.weighted_f1 += weight * fBeta(precision, recall, 1);
    result.weighted_f2 += weight * fBeta(precision, recall, 2);
  }
  result.accuracy = correct / total;
  return result;
}

export interface MulticlassMetrics {
  confusionMatrix: ConfusionMatrix;
  scalars: Record<MulticlassMetricName, number>;
}

export function multiclassMetrics(matrix: ConfusionMatrix): MulticlassMetrics {
  const model = weightedMetrics(matrix);
  const majority = matrix.majorityLabel();
  const constant = weightedMetrics(
    majority === undefined ? new ConfusionMatrix() : matrix.constantClassifier(majority),
  );
  return {
    confusionMatrix: matrix,
    scalars: {
      ...model,
      accuracy_best_constant_classifier: constant.accuracy,
      weighted_recall_best_constant_classifier: constant.weighted_recall,
      weighted_precision_best_constant_classifier: constant.weighted_precision,
      weighted_f0_5_best_constant_classifier: constant.weighted_f0_5,
      weighted_f1_best_constant_classifier: constant.weighted_f1,
      weighted_f2_best_constant_classifier: constant.weighted_f2,
    },
  };
}
