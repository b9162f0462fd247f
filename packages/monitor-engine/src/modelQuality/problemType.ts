/**
 * The three model-quality problem types, with SageMaker's names, and everything that depends
 * only on the problem type: the statistics/constraints section keys, the scalar metrics in the
 * order SageMaker writes them, and the comparison operator it suggests for each.
 */

export const PROBLEM_TYPES = [
  'Regression',
  'BinaryClassification',
  'MulticlassClassification',
] as const;

export type ProblemType = (typeof PROBLEM_TYPES)[number];

/**
 * SageMaker suggests only the first two; the inclusive ones are accepted in hand-edited
 * constraints files.
 */
export const COMPARISON_OPERATORS = [
  'LessThanThreshold',
  'GreaterThanThreshold',
  'LessThanOrEqualToThreshold',
  'GreaterThanOrEqualToThreshold',
] as const;

export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

/** Checks a user-supplied problem type; the message lists the accepted names. */
export function parseProblemType(value: string): ProblemType {
  const found = PROBLEM_TYPES.find(type => type === value);
  if (!found) {
    throw new Error(
      `Unknown problem type '${value}'; expected one of ${PROBLEM_TYPES.join(', ')}`,
    );
  }
  return found;
}

/** Key of the metrics object in statistics.json. */
export function statisticsSectionKey(problemType: ProblemType): string {
  switch (problemType) {
    case 'Regression':
      return 'regression_metrics';
    case 'BinaryClassification':
      return 'binary_classification_metrics';
    default:
      return 'multiclass_classification_metrics';
  }
}

/** Key of the constraints object in constraints.json. */
export function constraintsSectionKey(problemType: ProblemType): string {
  switch (problemType) {
    case 'Regression':
      return 'regression_constraints';
    case 'BinaryClassification':
      return 'binary_classification_constraints';
    default:
      return 'multiclass_classification_constraints';
  }
}

export const REGRESSION_METRICS = ['mae', 'mse', 'rmse', 'r2'] as const;

/**
 * Binary scalar metrics in statistics.json order. The confusion matrix comes first and the two
 * curves sit between false_negative_rate and auc; {@link binaryStatisticsOrder} has the full order.
 */
export const BINARY_METRICS = [
  'recall',
  'precision',
  'accuracy',
  'recall_best_constant_classifier',
  'precision_best_constant_classifier',
  'accuracy_best_constant_classifier',
  'true_positive_rate',
  'true_negative_rate',
  'false_positive_rate',
  'false_negative_rate',
  'auc',
  'f0_5',
  'f1',
  'f2',
  'f0_5_best_constant_classifier',
  'f1_best_constant_classifier',
  'f2_best_constant_classifier',
] as const;

export const MULTICLASS_METRICS = [
  'accuracy',
  'weighted_recall',
  'weighted_precision',
  'weighted_f0_5',
  'weighted_f1',
  'weighted_f2',
  'accuracy_best_constant_classifier',
  'weighted_recall_best_constant_classifier',
  'weighted_precision_best_constant_classifier',
  'weighted_f0_5_best_constant_classifier',
  'weighted_f1_best_constant_classifier',
  'weighted_f2_best_constant_classifier',
] as const;

export type RegressionMetricName = (typeof REGRESSION_METRICS)[number];
export type BinaryMetricName = (typeof BINARY_METRICS)[number];
export type MulticlassMetricName = (typeof MULTICLASS_METRICS)[number];
export type ScalarMetricName = RegressionMetricName | BinaryMetricName | MulticlassMetricName;

/** Scalar metrics of one problem type, in statistics.json order. */
export function scalarMetricNames(problemType: ProblemType): readonly ScalarMetricName[] {
  switch (problemType) {
    case 'Regression':
      return REGRESSION_METRICS;
    case 'BinaryClassification':
      return BINARY_METRICS;
    default:
      return MULTICLASS_METRICS;
  }
}

/**
 * The constraints SageMaker suggests, in order, with their operators. Errors and false rates
 * must not grow; everything else must not shrink. Best-constant-classifier metrics and curves
 * get no constraint (they describe the data, not the model).
 */
export function suggestedConstraintOperators(
  problemType: ProblemType,
): ReadonlyArray<[ScalarMetricName, ComparisonOperator]> {
  switch (problemType) {
    case 'Regression':
      return [
        ['mae', 'GreaterThanThreshold'],
        ['mse', 'GreaterThanThreshold'],
        ['rmse', 'GreaterThanThreshold'],
        ['r2', 'LessThanThreshold'],
      ];
    case 'BinaryClassification':
      return [
        ['recall', 'LessThanThreshold'],
        ['precision', 'LessThanThreshold'],
        ['accuracy', 'LessThanThreshold'],
        ['true_positive_rate', 'LessThanThreshold'],
        ['true_negative_rate', 'LessThanThreshold'],
        ['false_positive_rate', 'GreaterThanThreshold'],
        ['false_negative_rate', 'GreaterThanThreshold'],
        ['auc', 'LessThanThreshold'],
        ['f0_5', 'LessThanThreshold'],
        ['f1', 'LessThanThreshold'],
        ['f2', 'LessThanThreshold'],
      ];
    default:
      return [
        ['accuracy', 'LessThanThreshold'],
        ['weighted_recall', 'LessThanThreshold'],
        ['weighted_precision', 'LessThanThreshold'],
        ['weighted_f0_5', 'LessThanThreshold'],
        ['weighted_f1', 'LessThanThreshold'],
        ['weighted_f2', 'LessThanThreshold'],
      ];
  }
}

/**
 * constraint_violations.json names metrics in camelCase (real churn output: truePositiveRate,
 * falsePositiveRate, auc, f1, precision …) while statistics and constraints use snake_case.
 * Underscores before a letter are dropped and the letter upper-cased; an underscore between
 * digits (f0_5) is kept because no real sample shows how SageMaker spells it.
 */
export function violationMetricName(metric: string): string {
  return metric.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}
