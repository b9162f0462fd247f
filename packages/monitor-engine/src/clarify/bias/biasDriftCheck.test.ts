import fs from 'node:fs';
import { sagemakerSample } from '../../testing/sharedFolder';
import { ClarifyAnalysis, parseClarifyAnalysis } from '../analysis/clarifyAnalysisSchema';
import {
  parseClarifyConstraintViolations,
  writeClarifyConstraintViolations,
} from '../constraintViolationsFile';
import { checkBiasDrift } from './biasDriftCheck';

/**
 * SageMaker's real bias-drift executions: the baseline analysis.json and the violations the
 * monitor reported. The window's values of the violated metrics are in the descriptions; the
 * window is rebuilt from them (other metrics keep their baseline value), and our check must
 * report exactly the same violations, worded the same.
 */
const cases = [
  'aws__amazon-sagemaker-examples/deploy_and_monitor/sm-clarify_model_bias_monitor_for_endpoint_json/sm-clarify_model_bias_monitor_for_endpoint_json.ipynb.extracted',
  'aws__amazon-sagemaker-examples/sagemaker_model_monitor/fairness_and_explainability/SageMaker-Monitoring-Bias-Drift-for-Batch-Transform.ipynb.extracted',
];

function load(dir: string) {
  const baselineFile = sagemakerSample(`${dir}/baselining-output/analysis.json`);
  const violationsFile = sagemakerSample(`${dir}/monitor-output/constraint_violations.reconstructed.json`);
  return {
    baseline: parseClarifyAnalysis(fs.readFileSync(baselineFile, 'utf8'), baselineFile),
    expected: parseClarifyConstraintViolations(fs.readFileSync(violationsFile, 'utf8'), violationsFile),
  };
}

function windowFromViolations(baseline: ClarifyAnalysis, expected: ReturnType<typeof load>['expected']): ClarifyAnalysis {
  const window: ClarifyAnalysis = JSON.parse(JSON.stringify(baseline));
  for (const [, reports] of Object.entries(window.post_training_bias_metrics!.facets)) {
    for (const report of reports) {
      for (const v of expected.violations) {
        if (v.constraint_check_type !== 'bias_drift_check') continue;
        report.value_or_threshold = v.facet_value; // "(100, 232]" in the window vs "(100, 225]"
        const metric = report.metrics.find(m => m.name === v.metric_name)!;
        const text = /^Metric value (\S+) doesn't/.exec(v.description)![1];
        metric.value = text === 'Infinity' ? 'Infinity' : Number(text);
      }
    }
  }
  return window;
}

describe('bias drift check against SageMaker outputs', () => {
  it.each(cases)('reproduces the violations of %s', dir => {
    const { baseline, expected } = load(dir);
    const window = windowFromViolations(baseline, expected);
    const violations = checkBiasDrift(baseline, window);
    const sortKeys = (o: object) => Object.fromEntries(Object.entries(o).sort());
    expect(violations.map(sortKeys)).toEqual(expected.violations.map(sortKeys));
    // The written file parses back to the same content.
    const written = writeClarifyConstraintViolations(violations);
    expect(parseClarifyConstraintViolations(written, 'written').violations).toEqual(violations);
  });

  it('reports nothing when the window equals the baseline, and compares DI with 1', () => {
    const { baseline } = load(cases[1]);
    expect(checkBiasDrift(baseline, baseline)).toEqual([]);
    const window: ClarifyAnalysis = JSON.parse(JSON.stringify(baseline));
    const di = window.post_training_bias_metrics!.facets['Account Length'][0].metrics.find(m => m.name === 'DI')!;
    di.value = 1.02; // baseline 0.976 is 0.024 from 1; 1.02 is closer: no violation
    expect(checkBiasDrift(baseline, window)).toEqual([]);
    di.value = 0.9;
    expect(checkBiasDrift(baseline, window).map(v => v.metric_name)).toEqual(['DI']);
  });
});
