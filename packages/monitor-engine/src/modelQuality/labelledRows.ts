import { DEFAULT_POSITIVE_LABEL } from './binaryMetrics';
import { ProblemType } from './problemType';
import { quoteString } from '../sql/sqlText';
import { canonicalLabelSql } from './canonicalLabel';

/**
 * The contract between the readers (baseline CSV, merged capture + ground truth) and the
 * aggregate queries: a table with one row per labelled prediction and the columns
 *   row_key       stable id of the row (drives the random 80 % samples, so reruns agree)
 *   ground_truth  VARCHAR as read
 *   inference     VARCHAR as read, NULL when the prediction comes from the probability
 *   probability   VARCHAR as read, NULL without a probability attribute
 * The expressions below turn those raw values into what the metrics need; rows where they
 * give NULL are invalid and are counted by the readers, never fed to the metrics.
 */
export interface PredictionSemantics {
  problemType: ProblemType;
  /** True when an inference attribute is configured. */
  hasInference: boolean;
  /** True when a probability attribute is configured. */
  hasProbability: boolean;
  /**
   * Binary classification without an inference attribute predicts the positive label when
   * probability >= threshold (SageMaker's probability_threshold_attribute). Default 0.5.
   */
  probabilityThreshold?: number;
  positiveLabel?: string;
}

export const DEFAULT_PROBABILITY_THRESHOLD = 0.5;

/** The probability as a number (NULL when missing or not a finite number). */
export function probabilitySql(): string {
  return `CASE WHEN isfinite(TRY_CAST(trim(probability) AS DOUBLE))
    THEN TRY_CAST(trim(probability) AS DOUBLE) END`;
}

/** Regression: ground truth and prediction as numbers. */
export function regressionValuesSql(): { y: string; yHat: string } {
  return {
    y: `TRY_CAST(trim(ground_truth) AS DOUBLE)`,
    yHat: `TRY_CAST(trim(inference) AS DOUBLE)`,
  };
}

/**
 * Classification: canonical actual and predicted labels, and the score used for the ROC/PR
 * curves (the probability, or 1/0 for the predicted label when there is none).
 */
export function classificationValuesSql(semantics: PredictionSemantics): {
  actual: string;
  predicted: string;
  score: string;
  positiveLabel: string;
} {
  const positiveLabel = semantics.positiveLabel ?? DEFAULT_POSITIVE_LABEL;
  const threshold = semantics.probabilityThreshold ?? DEFAULT_PROBABILITY_THRESHOLD;
  if (!Number.isFinite(threshold)) throw new Error(`Invalid probability threshold ${threshold}`);
  const predicted = semantics.hasInference
    ? canonicalLabelSql('inference')
    : `CASE WHEN ${probabilitySql()} IS NULL THEN NULL
        WHEN ${probabilitySql()} >= ${threshold} THEN ${quoteString(positiveLabel)} ELSE '0' END`;
  const score = semantics.hasProbability
    ? probabilitySql()
    : `CASE WHEN (${predicted}) = ${quoteString(positiveLabel)} THEN 1.0 ELSE 0.0 END`;
  return { actual: canonicalLabelSql('ground_truth'), predicted, score, positiveLabel };
}

/**
 * Why a row cannot be used, as an SQL expression giving NULL for a good row, else the name of
 * the first bad field role ('ground truth', 'inference', 'probability').
 */
export function invalidFieldSql(semantics: PredictionSemantics): string {
  const checks: Array<[string, string]> = [];
  if (semantics.problemType === 'Regression') {
    const { y, yHat } = regressionValuesSql();
    checks.push([`${y} IS NULL OR NOT isfinite(${y})`, 'ground truth']);
    checks.push([`${yHat} IS NULL OR NOT isfinite(${yHat})`, 'inference']);
  } else {
    const { actual, predicted } = classificationValuesSql(semantics);
    checks.push([`(${actual}) IS NULL`, 'ground truth']);
    if (semantics.hasInference) checks.push([`(${predicted}) IS NULL`, 'inference']);
    if (semantics.hasProbability) checks.push([`(${probabilitySql()}) IS NULL`, 'probability']);
  }
  return `CASE ${checks.map(([condition, role]) => `WHEN ${condition} THEN '${role}'`).join(' ')} END`;
}

/** Checks the attribute combination a problem type needs. */
export function assertAttributesFit(semantics: PredictionSemantics): void {
  if (semantics.problemType === 'BinaryClassification') {
    if (!semantics.hasInference && !semantics.hasProbability) {
      throw new Error('BinaryClassification needs an inference attribute or a probability attribute');
    }
  } else if (!semantics.hasInference) {
    throw new Error(`${semantics.problemType} needs an inference attribute`);
  }
}
