import fs from 'node:fs';
import { sagemakerSample } from '../../testing/sharedFolder';
import { parseClarifyAnalysis } from '../analysis/clarifyAnalysisSchema';
import { checkAttributionDrift } from './attributionDriftCheck';
import { attributionNdcg } from './ndcg';

describe('attribution NDCG', () => {
  it('matches the hand-worked example (AWS doc: 0.70/0.50/0.05 reversed)', () => {
    // Baseline a = {x: 0.70, y: 0.50, z: 0.05}; the window ranks z > y > x.
    // discounts 1/log2(2) = 1, 1/log2(3) = 0.6309298, 1/log2(4) = 0.5
    // DCG  = a(z)·1 + a(y)·0.6309298 + a(x)·0.5 = 0.05 + 0.3154649 + 0.35  = 0.7154649
    // iDCG = a(x)·1 + a(y)·0.6309298 + a(z)·0.5 = 0.70 + 0.3154649 + 0.025 = 1.0404649
    // NDCG = 0.7154649 / 1.0404649 = 0.6876391
    const ndcg = attributionNdcg({ x: 0.7, y: 0.5, z: 0.05 }, { x: 0.01, y: 0.2, z: 0.9 });
    expect(ndcg).toBeCloseTo(0.7154649 / 1.0404649, 6);
    expect(ndcg).toBeCloseTo(0.6876, 4);
  });

  it('is 1 for the same ranking whatever the magnitudes', () => {
    expect(attributionNdcg({ x: 0.7, y: 0.5, z: 0.05 }, { x: 7, y: 5, z: 4.9 })).toBe(1);
  });

  it('averages tied window scores as scikit-learn does', () => {
    // x and y tie in the window: they share places 1 and 2, gain (0.7 + 0.5)/2 each:
    // DCG = 0.6·(1 + 0.6309298) + 0.05·0.5 = 1.0035579; iDCG = 1.0404649
    expect(attributionNdcg({ x: 0.7, y: 0.5, z: 0.05 }, { x: 0.3, y: 0.3, z: 0.1 })).toBeCloseTo(
      (0.6 * (1 + 1 / Math.log2(3)) + 0.025) / (0.7 + 0.5 / Math.log2(3) + 0.025),
      12,
    );
  });

  it('flags a window whose ranking drifted, with Clarify wording, against the real baseline', () => {
    const file = sagemakerSample(
      'aws__amazon-sagemaker-examples/sagemaker_model_monitor/fairness_and_explainability_jsonlines/SageMaker-Monitoring-Feature-Attribution-Drift-for-Endpoint.ipynb.extracted/baselining-output/analysis.json',
    );
    const baseline = parseClarifyAnalysis(fs.readFileSync(file, 'utf8'), file);
    const values = baseline.explanations!.kernel_shap!.label0.global_shap_values;
    const reversed = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, 1 / v]));
    const window = { version: '1.0', explanations: { kernel_shap: { label0: { global_shap_values: reversed } } } };
    const result = checkAttributionDrift(baseline, window);
    expect(result.violations).toEqual([
      {
        label: 'label0',
        metric_name: 'shap',
        constraint_check_type: 'feature_attribution_drift_check',
        description: `Feature attribution drift ${result.ndcgByLabel.label0} exceeds threshold 0.9`,
      },
    ]);
    expect(result.ndcgByLabel.label0).toBeLessThan(0.9);
    expect(checkAttributionDrift(baseline, baseline).violations).toEqual([]);
    expect(checkAttributionDrift(baseline, window, 0.1).violations).toEqual([]);
  });
});
