import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { openObjectStore, readConstraints } from '@mlmon/monitor-engine';
import { writeOnboardingRecord } from '@mlmon/plugin-catalog-backend-module-model-monitoring';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEMO_DATA, onboardingHarness, startBackend } from '../../__testUtils__/onboardingHarness';

describe('mlmon:builtin:onboard', () => {
  const h = onboardingHarness();
  const action = () => h.action();

  const input = {
    name: 'housing-price-v2',
    title: 'Housing price v2',
    owner: 'group:default/ml-platform',
    datasetUri: path.join(DEMO_DATA, 'california_housing_4000.csv'),
    excludeColumns: ['median_house_value'],
    alerting: { datapointsToAlert: 2, evaluationPeriod: 3 },
  };

  it('writes the baseline, the entity record, registers the model and its alert rules', async () => {
    const ctx = createMockActionContext({ input, workspacePath: h.workspace });
    await action().handler(ctx as any);

    const baselineDir = path.join(h.dir, 'root/baselines/housing-price-v2/housing-price-v2-data-quality');
    const constraints = readConstraints(fs.readFileSync(path.join(baselineDir, 'constraints.json'), 'utf8'), 'c');
    expect(constraints.features.map(f => f.name)).toContain('median_income');
    expect(constraints.features.map(f => f.name)).not.toContain('median_house_value');

    const record = JSON.parse(fs.readFileSync(path.join(h.dir, 'root/onboarding/models/housing-price-v2.json'), 'utf8'));
    expect(record.entity.metadata.annotations).toEqual({
      'mlmon.dev/endpoint': 'housing-price-v2',
      'mlmon.dev/monitoring-schedules': 'housing-price-v2-data-quality',
    });
    expect(record.entity.spec.owner).toBe('group:default/ml-platform');

    const root = pathToFileURL(path.join(h.dir, 'root')).href;
    expect(h.backend.requests.map(r => `${r.method} ${r.url}`)).toEqual([
      'POST /api/model-monitoring/models',
      'PUT /api/model-monitoring/entities/default/component/housing-price-v2/alerts/rules',
    ]);
    expect(h.backend.requests[0].body).toEqual({
      entityRef: 'component:default/housing-price-v2',
      endpointName: 'housing-price-v2',
      captureUri: `${root}/capture`,
      schedules: [{
        name: 'housing-price-v2-data-quality',
        monitorType: 'DataQuality',
        scheduleExpression: 'cron(0 * ? * * *)',
        baselineUri: `${root}/baselines/housing-price-v2/housing-price-v2-data-quality`,
      }],
    });
    expect(h.backend.requests[1].body.rules).toEqual([{
      name: 'housing-price-v2-data-quality-violations',
      kind: 'violations',
      scheduleName: 'housing-price-v2-data-quality',
      datapointsToAlert: 2,
      evaluationPeriod: 3,
      enabled: true,
    }]);
    expect(ctx.output).toHaveBeenCalledWith('entityRef', 'component:default/housing-price-v2');
    expect(ctx.output).toHaveBeenCalledWith('schedules', ['housing-price-v2-data-quality']);
  }, 60_000);

  it('does no harm when run again: the baseline is kept, record and registration are the same', async () => {
    await action().handler(createMockActionContext({ input, workspacePath: h.workspace }) as any);
    const constraintsFile = path.join(h.dir, 'root/baselines/housing-price-v2/housing-price-v2-data-quality/constraints.json');
    const recordFile = path.join(h.dir, 'root/onboarding/models/housing-price-v2.json');
    const before = { mtime: fs.statSync(constraintsFile).mtimeMs, record: fs.readFileSync(recordFile, 'utf8') };
    await action().handler(createMockActionContext({ input, workspacePath: h.workspace }) as any);
    expect(fs.statSync(constraintsFile).mtimeMs).toBe(before.mtime);
    expect(fs.readFileSync(recordFile, 'utf8')).toBe(before.record);
    expect(h.backend.requests).toHaveLength(4);
    expect(h.backend.requests[2].body).toEqual(h.backend.requests[0].body);
  }, 60_000);

  it('writes nothing in a dry run but reports what it would do', async () => {
    // createMockActionContext does not pass isDryRun on; the scaffolder sets it on the context.
    const ctx = { ...createMockActionContext({ input, workspacePath: h.workspace }), isDryRun: true };
    await action().handler(ctx as any);
    const root = path.join(h.dir, 'root');
    const written = fs.existsSync(root) ? fs.readdirSync(root, { recursive: true }) : [];
    expect(written).toEqual([]);
    expect(h.backend.requests).toHaveLength(0);
    expect(ctx.output).toHaveBeenCalledWith('endpointName', 'housing-price-v2');
  });

  it('adds model quality when a ground-truth location is given', async () => {
    // A baseline of the model's predictions: label and probability per row.
    const rows = fs.readFileSync(path.join(DEMO_DATA, 'adult_income_4000.csv'), 'utf8').trim().split('\n').slice(1);
    const csv = rows.map((r, i) => {
      const positive = r.endsWith('>50K');
      const right = i % 10 !== 0;
      return `${positive ? 1 : 0},${(positive === right ? 0.8 : 0.2).toFixed(2)}`;
    });
    fs.writeFileSync(path.join(h.workspace, 'predictions.csv'), `label,probability\n${csv.join('\n')}\n`);
    await action().handler(createMockActionContext({
      input: {
        name: 'income-v2',
        owner: 'group:default/credit-risk',
        datasetUri: path.join(DEMO_DATA, 'adult_income_4000.csv'),
        excludeColumns: ['income'],
        modelQuality: {
          problemType: 'BinaryClassification',
          groundTruthUri: path.join(h.dir, 'root/ground-truth/income-v2'),
          baselineDatasetUri: 'predictions.csv',
          groundTruthAttribute: 'label',
          baselineProbabilityAttribute: 'probability',
          probabilityAttribute: '0',
          probabilityThreshold: 0.5,
        },
      },
      workspacePath: h.workspace,
    }) as any);
    const mq = JSON.parse(fs.readFileSync(path.join(h.dir, 'root/baselines/income-v2/income-v2-model-quality/statistics.json'), 'utf8'));
    expect(mq.binary_classification_metrics.accuracy.value).toBeCloseTo(0.9, 2);
    const schedules = h.backend.requests[0].body.schedules;
    expect(schedules.map((s: any) => s.name)).toEqual(['income-v2-data-quality', 'income-v2-model-quality']);
    expect(schedules[1]).toMatchObject({ monitorType: 'ModelQuality', problemType: 'BinaryClassification', probabilityAttribute: '0', probabilityThresholdAttribute: 0.5 });
    expect(h.backend.requests[1].body.rules.map((r: any) => r.scheduleName)).toEqual(['income-v2-data-quality', 'income-v2-model-quality']);
  }, 60_000);

  it('adds bias and feature-attribution monitors with their baselines', async () => {
    // The validation set scored by the model: features, the label and the model's score per row.
    const [header, ...rows] = fs.readFileSync(path.join(DEMO_DATA, 'adult_income_4000.csv'), 'utf8').trim().split('\n');
    const scored = rows.map((r, i) => {
      const positive = r.endsWith('>50K');
      return `${r.slice(0, r.lastIndexOf(','))},${positive ? 1 : 0},${(positive === (i % 7 !== 0) ? 0.8 : 0.2).toFixed(2)}`;
    });
    fs.writeFileSync(path.join(h.workspace, 'scored.csv'), `${header},score\n${scored.join('\n')}\n`);
    // A real Clarify explainability analysis.json (SageMaker examples) as the attribution baseline.
    fs.copyFileSync(path.resolve(DEMO_DATA, '../../../shared/sagemaker-samples/aws__amazon-sagemaker-examples/sagemaker_model_monitor/fairness_and_explainability_jsonlines/SageMaker-Monitoring-Feature-Attribution-Drift-for-Endpoint.ipynb.extracted/baselining-output/analysis.json'), path.join(h.workspace, 'shap.json'));
    fs.writeFileSync(path.join(h.workspace, 'model.json'), JSON.stringify({ kind: 'logistic', intercept: -1.2, weights: { age: 0.03, hr_per_week: 0.02 } }));
    const clarifyInput = {
      name: 'income-v3',
      owner: 'group:default/credit-risk',
      datasetUri: path.join(DEMO_DATA, 'adult_income_4000.csv'),
      excludeColumns: ['income'],
      biasMonitor: {
        datasetUri: 'scored.csv',
        predictionColumn: 'score',
        probabilityThreshold: 0.5,
        facet: { column: 'sex', values: ['Female'] },
        label: { column: 'income', positiveValues: ['1'] },
        groundTruthUri: path.join(h.dir, 'root/ground-truth/income-v3'),
        probabilityAttribute: '0',
      },
      explainabilityMonitor: { explainer: 'linear', modelFileUri: 'model.json', baselineAnalysisUri: 'shap.json', probabilityAttribute: '0' },
    };
    await action().handler(createMockActionContext({ input: clarifyInput, workspacePath: h.workspace }) as any);

    const baselines = path.join(h.dir, 'root/baselines/income-v3');
    const bias = JSON.parse(fs.readFileSync(path.join(baselines, 'income-v3-bias/analysis.json'), 'utf8'));
    expect(bias.post_training_bias_metrics).toMatchObject({ label: 'income', label_value_or_threshold: '1' });
    const sexReport = bias.post_training_bias_metrics.facets.sex[0];
    expect(sexReport.value_or_threshold).toBe('Female');
    expect(sexReport.metrics.find((m: any) => m.name === 'DI').value).toBeGreaterThan(0);
    expect(JSON.parse(fs.readFileSync(path.join(baselines, 'income-v3-explainability/model.json'), 'utf8')).kind).toBe('logistic');
    expect(fs.readFileSync(path.join(baselines, 'income-v3-explainability/analysis.json'), 'utf8')).toBe(fs.readFileSync(path.join(h.workspace, 'shap.json'), 'utf8'));

    const schedules = h.backend.requests[0].body.schedules;
    expect(schedules.map((s: any) => s.name)).toEqual(['income-v3-data-quality', 'income-v3-bias', 'income-v3-explainability']);
    const features = header.split(',').filter(c => c !== 'income');
    expect(schedules[1]).toEqual({
      name: 'income-v3-bias',
      monitorType: 'ModelBias',
      scheduleExpression: 'cron(0 * ? * * *)',
      baselineUri: pathToFileURL(path.join(baselines, 'income-v3-bias')).href,
      features,
      facet: { column: 'sex', values: ['Female'] },
      label: { column: 'income', positiveValues: ['1'] },
      groundTruthUri: pathToFileURL(path.join(h.dir, 'root/ground-truth/income-v3')).href,
      probabilityAttribute: '0',
      probabilityThresholdAttribute: 0.5,
    });
    expect(schedules[2]).toMatchObject({ monitorType: 'ModelExplainability', features, explainer: { kind: 'linear' }, probabilityAttribute: '0' });

    // Run again: the baselines are kept, the registration is the same.
    fs.writeFileSync(path.join(h.workspace, 'shap.json'), fs.readFileSync(path.join(h.workspace, 'shap.json'), 'utf8').replace('label0', 'label1'));
    await action().handler(createMockActionContext({ input: clarifyInput, workspacePath: h.workspace }) as any);
    expect(fs.readFileSync(path.join(baselines, 'income-v3-explainability/analysis.json'), 'utf8')).toContain('label0');
    expect(h.backend.requests[2].body).toEqual(h.backend.requests[0].body);

    const refuse = (explainabilityMonitor: object) =>
      action().handler(createMockActionContext({ input: { ...clarifyInput, explainabilityMonitor }, workspacePath: h.workspace }) as any);
    await expect(refuse({ explainer: 'http', baselineAnalysisUri: 'shap.json' })).rejects.toThrow(/http explainers .* may only be configured in app-config/);
    await expect(refuse({ explainer: 'linear', baselineAnalysisUri: 'shap.json' })).rejects.toThrow('explainabilityMonitor.modelFileUri: the linear explainer needs the model.json');
    await expect(
      action().handler(createMockActionContext({ input: { ...clarifyInput, name: 'income-v4', biasMonitor: { ...clarifyInput.biasMonitor, predictionColumn: 'prediction' } }, workspacePath: h.workspace }) as any),
    ).rejects.toThrow('biasMonitor.datasetUri: the data set has no predictionColumn column "prediction"');
  }, 60_000);

  it('rejects bad input with the field named, before writing anything', async () => {
    const run = (overrides: object) =>
      action().handler(createMockActionContext({ input: { ...input, ...overrides }, workspacePath: h.workspace }) as any);
    await expect(run({ datasetUri: '/etc/passwd' })).rejects.toThrow(/^datasetUri: file:\/\/\/etc\/passwd is outside the locations/);
    await expect(run({ datasetUri: path.join(DEMO_DATA, 'missing.csv') })).rejects.toThrow(/^datasetUri: no file at/);
    await expect(run({ excludeColumns: ['price'] })).rejects.toThrow('datasetUri: the data set has no column "price"');
    await expect(run({ scheduleExpression: 'every hour' })).rejects.toThrow(/^scheduleExpression: /);
    await expect(run({ alerting: { datapointsToAlert: 3, evaluationPeriod: 2 } })).rejects.toThrow(/datapointsToAlert must not exceed/);
    expect(fs.existsSync(path.join(h.dir, 'root/onboarding'))).toBe(false);
    expect(h.backend.requests).toHaveLength(0);
  }, 60_000);

  it('refuses an endpoint onboarded for another entity, and passes on backend refusals', async () => {
    await action().handler(createMockActionContext({ input, workspacePath: h.workspace }) as any);
    await expect(
      action().handler(createMockActionContext({ input: { ...input, name: 'other-model', endpointName: 'housing-price-v2' }, workspacePath: h.workspace }) as any),
    ).rejects.toThrow('Endpoint housing-price-v2 is already onboarded for component:default/housing-price-v2');

    // An entity a SageMaker endpoint's record emits already.
    const arn = 'arn:aws:sagemaker:eu-west-1:123456789012:endpoint/housing-price-v3';
    await writeOnboardingRecord(openObjectStore(path.join(h.dir, 'root')), {
      version: 1,
      source: 'sagemaker',
      endpointName: 'housing-price-v3',
      onboardedAt: '2026-11-22T10:00:00.000Z',
      entity: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'housing-price-v3', annotations: { 'mlmon.dev/endpoint': arn } },
        spec: { type: 'ml-model', lifecycle: 'production', owner: 'group:default/ml-platform' },
      },
    });
    const requests = h.backend.requests.length;
    await expect(
      action().handler(createMockActionContext({ input: { ...input, name: 'housing-price-v3' }, workspacePath: h.workspace }) as any),
    ).rejects.toThrow(`name: component:default/housing-price-v3 is already onboarded for endpoint ${arn}; choose another name`);
    expect(fs.existsSync(path.join(h.dir, 'root/onboarding/models/housing-price-v3.json'))).toBe(false);
    expect(h.backend.requests).toHaveLength(requests);

    h.backend.server.close();
    h.backend = await startBackend(403);
    await expect(action().handler(createMockActionContext({ input, workspacePath: h.workspace }) as any)).rejects.toThrow(
      'model-monitoring backend answered 403 to POST /models: not allowed to run jobs',
    );
  }, 60_000);
});
