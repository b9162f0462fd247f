import {
  DuckDbEngine,
  loadLinearModel,
  loadShapBaseline,
  openObjectStore,
  parseClarifyAnalysis,
  runAttributionDriftWindow,
  runBiasDriftWindow,
} from '@mlmon/monitor-engine';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEMO_MODELS } from './demoModels';
import { seedDemo } from './seedDemo';

const DATASETS = path.resolve(__dirname, '../../../../../demo/data');
const HOUR_MS = 3_600_000;
const income = DEMO_MODELS.find(m => m.endpointName === 'income-classifier')!;
const clarify = income.clarify!;
const FEATURES = fs.readFileSync(path.join(DATASETS, income.dataset), 'utf8').split('\n')[0].trim().split(',').filter(c => c !== income.label);

describe('demo bias and feature-attribution drift of the income classifier', () => {
  let dir: string;
  let engine: DuckDbEngine;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlmon-demo-clarify-'));
    await seedDemo({ dataRoot: pathToFileURL(dir).href, datasetsDir: DATASETS, historyHours: 96, now: new Date('2026-11-20T10:17:00Z'), models: [income] });
    engine = await DuckDbEngine.create({ threads: 1 });
  }, 120_000);
  afterAll(async () => {
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const store = (...parts: string[]) => openObjectStore(path.join(dir, ...parts));
  const baselineDir = (schedule: string) => store('baselines', income.endpointName, schedule);

  it('seeds baselines in SageMaker layout: bias analysis.json, the fitted model and its SHAP baseline', async () => {
    const bias = parseClarifyAnalysis((await baselineDir(clarify.bias.schedule).get('analysis.json')).toString(), 'bias');
    const metrics = bias.post_training_bias_metrics!.facets.sex[0].metrics;
    expect(metrics.map(m => m.name)).toEqual(['DI', 'DPPL']);
    // Women are predicted >50K less often than men in the Adult data, plus the team's tolerance.
    expect(metrics.find(m => m.name === 'DPPL')!.value).toBeGreaterThan(0.2);
    const model = await loadLinearModel(baselineDir(clarify.explainability.schedule));
    expect(model.featureNames).toEqual(clarify.explainability.features);
    // More education, more >50K.
    expect(model.weights[model.featureNames.indexOf('education_num')]).toBeGreaterThan(0);
    expect(await loadShapBaseline(baselineDir(clarify.explainability.schedule), model.featureNames)).toHaveLength(1);
  });

  it('passes bias drift four days ago and fails it in the last hours', async () => {
    const run = (scheduledTime: string) =>
      runBiasDriftWindow({
        engine, captureStore: store('capture'), groundTruthStore: store('ground-truth', income.endpointName),
        endpoint: income.endpointName, featureNames: FEATURES, probabilityAttribute: '0', probabilityThreshold: 0.5,
        facet: { column: 'sex', values: ['Female'] }, label: { column: 'income', positiveValues: ['1'] }, metrics: clarify.bias.metrics,
        baseline: baselineDir(clarify.bias.schedule), output: store('reports'), schedule: clarify.bias.schedule,
        start: new Date(Date.parse(scheduledTime) - 6 * HOUR_MS), end: new Date(scheduledTime), scheduledTime: new Date(scheduledTime),
      });
    for (const early of ['2026-11-16T18:00:00Z', '2026-11-17T12:00:00Z', '2026-11-18T06:00:00Z']) {
      const result = await run(early);
      expect({ early, status: result.status, reason: result.failureReason }).toEqual({ early, status: 'Completed', reason: undefined });
    }
    const late = await run('2026-11-20T06:00:00Z');
    expect(late.status).toBe('CompletedWithViolations');
    expect(late.violations.map(v => v.metric_name).sort()).toEqual(['DI', 'DPPL']);
  }, 60_000);

  it('keeps the attribution ranking four days ago and reorders it in the last hours', async () => {
    const model = await loadLinearModel(baselineDir(clarify.explainability.schedule));
    const background = await loadShapBaseline(baselineDir(clarify.explainability.schedule), model.featureNames);
    const run = (scheduledTime: string) =>
      runAttributionDriftWindow({
        engine, captureStore: store('capture'), endpoint: income.endpointName, featureNames: FEATURES, probabilityAttribute: '0',
        baseline: baselineDir(clarify.explainability.schedule), explainer: { kind: 'linear', model, background },
        output: store('reports'), schedule: clarify.explainability.schedule,
        start: new Date(Date.parse(scheduledTime) - HOUR_MS), end: new Date(scheduledTime), scheduledTime: new Date(scheduledTime),
      });
    const ndcg: number[] = [];
    for (let t = Date.parse('2026-11-17T00:00:00Z'); t <= Date.parse('2026-11-17T23:00:00Z'); t += 2 * HOUR_MS) {
      const result = await run(new Date(t).toISOString());
      expect(result.status).toBe('Completed');
      ndcg.push(result.ndcgByLabel!.label0);
    }
    expect(Math.min(...ndcg)).toBeGreaterThan(0.9);
    const late = await run('2026-11-20T09:00:00Z');
    expect(late.status).toBe('CompletedWithViolations');
    expect(late.ndcgByLabel!.label0).toBeLessThan(0.9);
    expect(late.contributorsByLabel!.label0[0].feature).toBe('hr_per_week');
  }, 60_000);
});
