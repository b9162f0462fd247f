import { ConfusionMatrix } from './confusionMatrix';
import { BinaryMetricName } from './problemType';
import { fBeta, ratio } from './ratios';
import { ScoreBucket, ScoreCurves, scoreCurves } from './scoreCurves';

/** The label SageMaker treats as positive in binary classification. */
export const DEFAULT_POSITIVE_LABEL = '1';

export interface BinaryMetrics {
  confusionMatrix: ConfusionMatrix;
  curves: ScoreCurves;
  scalars: Record<BinaryMetricName, number>;
}

interface ThresholdMetrics {
  recall: number;
  precision: number;
  accuracy: number;
  f0_5: number;
  f1: number;
  f2: number;
}

/**
 * Splits the matrix into true/false positives/negatives. Any label other than the positive one
 * counts as negative; callers reject windows with more than two classes beforehand.
 */
function counts(matrix: ConfusionMatrix, positive: string) {
  let tp = 0;
  let fn = 0;
  let fp = 0;
  let tn = 0;
  const labels = matrix.labels();
  for (const actual of labels) {
    for (const predicted of labels) {
      const n = matrix.count(actual, predicted);
      if (actual === positive) {
        if (predicted === positive) tp += n;
        else fn += n;
      } else if (predicted === positive) fp += n;
      else tn += n;
    }
  }
  return { tp, fn, fp, tn };
}

function thresholdMetrics(matrix: ConfusionMatrix, positive: string): ThresholdMetrics {
  const { tp, fn, fp, tn } = counts(matrix, positive);
  const recall = ratio(tp, tp + fn);
  const precision = ratio(tp, tp + fp);
  return {
    recall,
    precision,
    accuracy: ratio(tp + tn, tp + fn + fp + tn),
    f0_5: fBeta(precision, recall, 0.5),
    f1: fBeta(precision, recall, 1),
    f2: fBeta(precision, recall, 2),
  };
}

/**
 * Binary metrics from the confusion matrix of predicted labels (recall, precision, rates,
 * F-scores) and from the probability histogram (curves, AUC). Without a probability attribute
 * the histogram holds the predicted labels themselves (scores 0/1), as Spark would given only
 * predictions.
 */
export function binaryMetrics(
  matrix: ConfusionMatrix,
  scores: readonly ScoreBucket[],
  options: { positiveLabel?: string; curveBins?: number } = {},
): BinaryMetrics {
  const positive = options.positiveLabel ?? DEFAULT_POSITIVE_LABEL;
  const { tp, fn, fp, tn } = counts(matrix, positive);
  const model = thresholdMetrics(matrix, positive);
  const majority = matrix.majorityLabel();
  const constant =
    majority === undefined
      ? thresholdMetrics(new ConfusionMatrix(), positive)
      : thresholdMetrics(matrix.constantClassifier(majority), positive);
  const curves = scoreCurves(scores, options.curveBins);
  return {
    confusionMatrix: matrix,
    curves,
    scalars: {
      recall: model.recall,
      precision: model.precision,
      accuracy: model.accuracy,
      recall_best_constant_classifier: constant.recall,
      precision_best_constant_classifier: constant.precision,
      accuracy_best_constant_classifier: constant.accuracy,
      true_positive_rate: ratio(tp, tp + fn),
      true_negative_rate: ratio(tn, tn + fp),
      false_positive_rate: ratio(fp, fp + tn),
      false_negative_rate: ratio(fn, fn + tp),
      auc: curves.auc,
      f0_5: model.f0_5,
      f1: model.f1,
      f2: model.f2,
      f0_5_best_constant_classifier: constant.f0_5,
      f1_best_constant_classifier: constant.f1,
      f2_best_constant_classifier: constant.f2,
    },
  };
}
