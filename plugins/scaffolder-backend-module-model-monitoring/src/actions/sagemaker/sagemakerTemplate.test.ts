import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { onboardingInputFields, parseOnboardingInput } from './onboardingInput';

const TEMPLATE_DIR = path.resolve(__dirname, '../../../../../templates/sagemaker-endpoint');
const template = yaml.parse(fs.readFileSync(path.join(TEMPLATE_DIR, 'template.yaml'), 'utf8'));

/** Every property the form declares, including those of dependencies. */
function formProperties(): Set<string> {
  const names = new Set<string>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record.properties && typeof record.properties === 'object') {
      Object.keys(record.properties).forEach(k => names.add(k));
    }
    Object.values(record).forEach(visit);
  };
  visit(template.spec.parameters);
  return names;
}

/**
 * Renders a step's input for form values the way the scaffolder does for values that are one
 * `${{ parameters.x }}` expression: the value itself, and nothing when it is not set.
 */
function render(node: unknown, values: Record<string, unknown>): unknown {
  if (typeof node === 'string') {
    const match = /^\$\{\{ parameters\.(\w+) \}\}$/.exec(node);
    return match ? values[match[1]] : node;
  }
  if (Array.isArray(node)) return node.map(n => render(n, values));
  if (node && typeof node === 'object') {
    const entries = Object.entries(node).map(([k, v]) => [k, render(v, values)] as const).filter(([, v]) => v !== undefined);
    return Object.fromEntries(entries);
  }
  return node;
}

describe('templates/sagemaker-endpoint', () => {
  const steps = template.spec.steps as Array<{ id: string; action: string; input: Record<string, unknown> }>;
  const onboardSteps = steps.filter(s => s.action === 'mlmon:sagemaker:onboard');

  it('passes only inputs the action knows, from parameters the form declares', () => {
    expect(onboardSteps.map(s => s.id)).toEqual(['onboard', 'onboard-quality']);
    const declared = formProperties();
    for (const step of onboardSteps) {
      for (const key of Object.keys(step.input)) expect(Object.keys(onboardingInputFields)).toContain(key);
      for (const [, name] of JSON.stringify(step.input).matchAll(/parameters\.(\w+)/g)) expect(declared).toContain(name);
    }
    for (const [, name] of JSON.stringify(template.spec.output).matchAll(/parameters\.(\w+)/g)) expect(declared).toContain(name);
  });

  it('creates the entity through the action, without a Git host, and links to it', () => {
    // The onboarding steps are the last ones: nothing fetches or publishes a catalog-info.yaml.
    expect(steps.map(s => s.action)).toEqual(['mlmon:sagemaker:onboard', 'mlmon:sagemaker:onboard']);
    for (const step of onboardSteps) {
      expect(step.input.entity).toEqual({
        name: '${{ parameters.name }}',
        title: '${{ parameters.title }}',
        description: '${{ parameters.description }}',
        owner: '${{ parameters.owner }}',
      });
    }
    expect(template.spec.output.links).toEqual([
      {
        title: 'Open the model in the catalog',
        icon: 'catalog',
        entityRef: "${{ steps['onboard'].output.entityRef or steps['onboard-quality'].output.entityRef }}",
      },
    ]);
  });

  it('renders inputs the action accepts, for both baseline choices and model quality', () => {
    const form = {
      name: 'churn-xgb',
      owner: 'group:default/ml-platform',
      endpointArn: 'arn:aws:sagemaker:eu-west-1:123456789012:endpoint/churn-xgb',
      roleArn: 'arn:aws:iam::123456789012:role/model-monitor',
      enableDataCapture: true,
      captureS3Uri: 's3://ml-monitoring/capture',
      samplingPercentage: 100,
      reportsS3Uri: 's3://ml-monitoring/reports',
      scheduleExpression: 'cron(0 * ? * * *)',
      instanceType: 'ml.m5.xlarge',
      baselineSource: 'existing',
      baselineS3Uri: 's3://ml-monitoring/baselines/churn-xgb',
      alertEmail: 'ml-platform@example.com',
      driftFeatures: ['tenure'],
      driftThreshold: 0.1,
    };
    const simple = parseOnboardingInput(render(onboardSteps[0].input, form));
    expect(simple.baseline).toEqual({ s3Uri: 's3://ml-monitoring/baselines/churn-xgb' });
    expect(simple.alerting?.email).toBe('ml-platform@example.com');
    // Title and description left empty in the form are not passed on.
    expect(simple.entity).toEqual({ name: 'churn-xgb', owner: 'group:default/ml-platform' });

    const computed = parseOnboardingInput(
      render(onboardSteps[1].input, {
        ...form,
        baselineS3Uri: undefined,
        baselineSource: 'compute',
        datasetS3Uri: 's3://ml-data/churn/train.csv',
        baselineOutputS3Uri: 's3://ml-monitoring/baselines/churn-xgb',
        monitorQuality: true,
        problemType: 'BinaryClassification',
        groundTruthS3Uri: 's3://ml-monitoring/ground-truth',
        // The scaffolder JSON-parses "0" into a number.
        probabilityAttribute: 0,
      }),
    );
    expect(computed.modelQuality).toMatchObject({ problemType: 'BinaryClassification', probabilityAttribute: '0' });
  });

  it('passes the fairness and explainability page on to the action', () => {
    const form = {
      name: 'income-xgb',
      owner: 'group:default/ml-platform',
      endpointArn: 'arn:aws:sagemaker:eu-west-1:123456789012:endpoint/income-xgb',
      roleArn: 'arn:aws:iam::123456789012:role/model-monitor',
      reportsS3Uri: 's3://ml-monitoring/reports',
      baselineSource: 'existing',
      baselineS3Uri: 's3://ml-monitoring/baselines/income-xgb',
      alertEmail: 'ml-platform@example.com',
      // Read by the model-quality step only.
      problemType: 'BinaryClassification',
      groundTruthS3Uri: 's3://ml-monitoring/ground-truth/income-xgb',
      probabilityAttribute: 0,
      monitorBias: true,
      modelBias: {
        groundTruthS3Uri: 's3://ml-monitoring/ground-truth/income-xgb',
        label: 'income',
        labelValuesOrThreshold: ['1'],
        facet: { name: 'sex', valuesOrThreshold: ['Female'] },
        probabilityAttribute: 0,
        constraintsS3Uri: 's3://ml-monitoring/baselines/income-xgb/bias/analysis.json',
      },
      monitorAttribution: true,
      modelExplainability: {
        headers: ['age', 'sex', 'hr_per_week'],
        shapBaselineS3Uri: 's3://ml-monitoring/baselines/income-xgb/shap_baseline.csv',
        numSamples: 100,
        probabilityAttribute: '0',
      },
    };
    for (const step of onboardSteps) {
      const parsed = parseOnboardingInput(render(step.input, form));
      expect(parsed.modelBias).toMatchObject({ label: 'income', facet: { name: 'sex', valuesOrThreshold: ['Female'] }, probabilityAttribute: '0' });
      expect(parsed.modelExplainability).toMatchObject({ headers: ['age', 'sex', 'hr_per_week'], numSamples: 100 });
    }
  });
});
