import fs from 'node:fs';
import { sagemakerSample } from '../testing/sharedFolder';
import { parseModelQualityConstraints } from './modelQualityConstraints';
import { violationMetricName } from './problemType';

describe('model-quality constraints', () => {
  it("reads SageMaker's constraints.json", () => {
    const file = sagemakerSample(
      'aws__sagemaker-python-sdk/tests/data/pipeline/quality_check_step/model_quality/bad_cases/constraints.json',
    );
    const constraints = parseModelQualityConstraints(fs.readFileSync(file, 'utf8'), file);
    expect(constraints.problemType).toBe('Regression');
    expect(constraints.constraints[1]).toEqual({
      metric: 'mse',
      threshold: 0.03364933609800973,
      comparisonOperator: 'GreaterThanThreshold',
    });
  });

  it('names the file and field of a bad constraint', () => {
    const text = JSON.stringify({ binary_classification_constraints: { auc: { threshold: 0.9, comparison_operator: 'Below' } } });
    expect(() => parseModelQualityConstraints(text, 'baseline/constraints.json')).toThrow(
      /^baseline\/constraints\.json: field 'binary_classification_constraints\.auc\.comparison_operator'/,
    );
  });

  it('names metrics in violations in camelCase as SageMaker does', () => {
    expect(violationMetricName('false_positive_rate')).toBe('falsePositiveRate');
    expect(violationMetricName('auc')).toBe('auc');
    expect(violationMetricName('weighted_f1')).toBe('weightedF1');
  });
});
