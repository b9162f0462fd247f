import { ModelQualityMetrics } from './computeMetrics';
import { jacksonStringify, javaDoubleToString } from '../formats/jackson';
import { ModelQualityConstraints } from './modelQualityConstraints';
import { ComparisonOperator, ScalarMetricName, violationMetricName } from './problemType';

/** One entry of a model-quality constraint_violations.json. */
export interface ModelQualityViolation {
  /** SageMaker puts the comparison operator here for model quality. */
  constraintCheckType: ComparisonOperator;
  description: string;
  /** camelCase, as SageMaker writes it in violations (falsePositiveRate). */
  metricName: string;
}

function violates(value: number, operator: ComparisonOperator, threshold: number): boolean {
  switch (operator) {
    case 'LessThanThreshold':
      return value < threshold;
    case 'GreaterThanThreshold':
      return value > threshold;
    case 'LessThanOrEqualToThreshold':
      return value <= threshold;
    default:
      return value >= threshold;
  }
}

/**
 * Compares a window's metrics with the baseline constraints. A NaN metric never violates
 * (there is nothing to compare); windows without enough labels are reported by the caller.
 */
export function checkModelQualityConstraints(
  metrics: ModelQualityMetrics,
  constraints: ModelQualityConstraints,
): ModelQualityViolation[] {
  if (metrics.problemType !== constraints.problemType) {
    throw new Error(
      `The constraints are for ${constraints.problemType} but the metrics are for ${metrics.problemType}`,
    );
  }
  const violations: ModelQualityViolation[] = [];
  for (const constraint of constraints.constraints) {
    const metric = metrics.values.get(constraint.metric as ScalarMetricName);
    if (!metric) {
      throw new Error(
        `Constraint on '${constraint.metric}', which ${metrics.problemType} does not compute`,
      );
    }
    if (!violates(metric.value, constraint.comparisonOperator, constraint.threshold)) continue;
    const name = violationMetricName(constraint.metric);
    violations.push({
      constraintCheckType: constraint.comparisonOperator,
      description: `Metric ${name} with ${javaDoubleToString(metric.value)} +/- ${javaDoubleToString(
        metric.standardDeviation,
      )} was ${constraint.comparisonOperator} '${javaDoubleToString(constraint.threshold)}'`,
      metricName: name,
    });
  }
  return violations;
}

export function modelQualityViolationsJson(violations: readonly ModelQualityViolation[]): string {
  return jacksonStringify({
    violations: violations.map(v => ({
      constraint_check_type: v.constraintCheckType,
      description: v.description,
      metric_name: v.metricName,
    })),
  });
}
