import fs from 'node:fs';
import { sagemakerSample } from '../testing/sharedFolder';
import { parseClarifyAnalysis } from './analysis/clarifyAnalysisSchema';
import { attributionCloudWatchMetrics, biasCloudWatchMetrics, CLOUDWATCH_INFINITY } from './clarifyCloudWatchMetrics';

const load = (rel: string) => {
  const file = sagemakerSample(rel);
  return parseClarifyAnalysis(fs.readFileSync(file, 'utf8'), file);
};

describe('Clarify CloudWatch metrics', () => {
  const timestamp = new Date('2026-03-01T05:00:00.000Z');

  it('publishes every bias metric with a value, per stage, facet and label', () => {
    const analysis = load('aws__amazon-sagemaker-examples/sagemaker_model_monitor/fairness_and_explainability/SageMaker-Monitoring-Bias-Drift-for-Batch-Transform.ipynb.extracted/baselining-output/analysis.json');
    const batch = biasCloudWatchMetrics(analysis, { monitoringSchedule: 'churn-bias', timestamp });
    expect(batch.namespace).toBe('aws/sagemaker/ModelMonitoring/bias-metrics');
    // 13 post-training + 8 pre-training metrics, minus CDDPL and CDDL (errors).
    expect(batch.records).toHaveLength(19);
    expect(batch.records.find(r => r.MetricName === 'bias_metric_DI')).toEqual({
      MetricName: 'bias_metric_DI',
      Timestamp: '2026-03-01T05:00:00Z',
      Dimensions: [
        { Name: 'MonitoringSchedule', Value: 'churn-bias' },
        { Name: 'BiasStage', Value: 'Post-Training' },
        { Name: 'Label', Value: 'Churn' },
        { Name: 'LabelValue', Value: '1' },
        { Name: 'Facet', Value: 'Account Length' },
        { Name: 'FacetValue', Value: '(100, 225]' },
      ],
      Value: 0.9762611275964392,
    });
    analysis.post_training_bias_metrics!.facets['Account Length'][0].metrics.find(m => m.name === 'TE')!.value = 'Infinity';
    const te = biasCloudWatchMetrics(analysis, { endpoint: 'ep', monitoringSchedule: 's', timestamp }).records.find(r => r.MetricName === 'bias_metric_TE');
    expect(te?.Value).toBe(CLOUDWATCH_INFINITY);
  });

  it('publishes global SHAP values and the expected value', () => {
    const analysis = load('aws__amazon-sagemaker-examples/sagemaker_model_monitor/fairness_and_explainability_jsonlines/SageMaker-Monitoring-Feature-Attribution-Drift-for-Endpoint.ipynb.extracted/baselining-output/analysis.json');
    const batch = attributionCloudWatchMetrics(analysis, { endpoint: 'adult-ep', monitoringSchedule: 'adult-shap', timestamp });
    expect(batch.namespace).toBe('aws/sagemaker/Endpoints/explainability-metrics');
    expect(batch.records).toHaveLength(15);
    expect(batch.records[0]).toMatchObject({ MetricName: 'feature_Age', Value: 0.05962069398767555 });
    expect(batch.records[14]).toMatchObject({ MetricName: 'expected_value', Value: 0.250623226165771 });
    expect(batch.records[14].Dimensions).toContainEqual({ Name: 'ValueType', Value: 'ExpectedValue' });
  });
});
