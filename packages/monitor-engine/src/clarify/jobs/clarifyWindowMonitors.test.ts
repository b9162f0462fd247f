import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDbEngine } from '../../sql/DuckDbEngine';
import { FileObjectStore } from '../../storage/FileObjectStore';
import { captureFileKey, groundTruthHourPrefix } from '../../storage/layout';
import { parseClarifyAnalysis } from '../analysis/clarifyAnalysisSchema';
import { writeClarifyAnalysis } from '../analysis/clarifyAnalysisWriter';
import { runAttributionDriftWindow } from './attributionDriftWindow';
import { runBiasDriftWindow, BiasDriftWindowOptions } from './biasDriftWindow';
import { createClarifyWindowTable } from './clarifyWindowTable';

const ENDPOINT = 'income';
const FEATURES = ['age', 'sex', 'hours'];
// Offsets -PT2H/-PT1H at 12:00 judge the predictions of [10:00, 11:00); labels arrive at 11:xx.
const SCHEDULED = new Date('2026-11-20T12:00:00Z');
const WINDOW = { scheduledTime: SCHEDULED, startOffset: '-PT2H', endOffset: '-PT1H' };

interface Row { id: string; age: number; sex: string; hours: number; score: number; label: string; json: boolean; minute: number }

/** 20 men (12 predicted positive, 10 labelled positive), 20 women (4 predicted, 8 labelled). */
function rows(): Row[] {
  const out: Row[] = [];
  for (let i = 0; i < 40; i++) {
    const female = i >= 20;
    const k = i % 20;
    out.push({
      id: `r${i}`,
      age: 20 + i,
      sex: female ? 'Female' : 'Male',
      hours: 30 + (i % 7) * 5,
      score: (female ? k < 4 : k < 12) ? 0.8 : 0.2,
      label: (female ? k < 8 : k < 10) ? '1' : '0',
      json: i % 2 === 1,
      minute: i,
    });
  }
  return out;
}

function captureLine(r: Row, time: Date, attributions = false): string {
  const input = r.json
    ? { observedContentType: 'application/json', mode: 'INPUT', data: JSON.stringify({ hours: r.hours, sex: r.sex, age: r.age }), encoding: 'JSON' }
    : { observedContentType: 'text/csv', mode: 'INPUT', data: `${r.age},${r.sex},${r.hours}`, encoding: 'CSV' };
  const output = attributions
    ? { observedContentType: 'application/json', mode: 'OUTPUT', data: JSON.stringify({ score: r.score, attributions: { age: r.age / 100, hours: r.hours / 1000 } }), encoding: 'JSON' }
    : { observedContentType: 'text/csv', mode: 'OUTPUT', data: String(r.score), encoding: 'CSV' };
  return JSON.stringify({
    captureData: { endpointInput: input, endpointOutput: output },
    eventMetadata: { eventId: r.id, inferenceTime: time.toISOString().replace(/\.\d{3}Z$/, 'Z') },
    eventVersion: '0',
  });
}

const biasBaseline = (dppl: number, di: number) =>
  parseClarifyAnalysis(
    writeClarifyAnalysis({
      version: '1.0',
      post_training_bias_metrics: {
        label: 'income',
        label_value_or_threshold: '1',
        facets: { sex: [{ value_or_threshold: 'Female', metrics: [
          { name: 'DI', description: 'Disparate Impact (DI)', value: di },
          { name: 'DPPL', description: 'Difference in Positive Proportions in Predicted Labels (DPPL)', value: dppl },
        ] }] },
      },
    }),
    'baseline',
  );

describe('Clarify monitors over a window of captured data and late ground truth', () => {
  let engine: DuckDbEngine;
  let root: string;
  let capture: FileObjectStore;
  let groundTruth: FileObjectStore;
  let output: FileObjectStore;

  beforeAll(async () => {
    engine = await DuckDbEngine.create({ memoryLimit: '256MB' });
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'clarify-window-'));
    capture = new FileObjectStore(path.join(root, 'capture'));
    groundTruth = new FileObjectStore(path.join(root, 'ground-truth'));
    output = new FileObjectStore(path.join(root, 'reports'));
    const hour = new Date('2026-11-20T10:00:00Z');
    const lines = rows().map(r => captureLine(r, new Date(hour.getTime() + r.minute * 60_000)));
    // One prediction before the window and one without a label: neither is counted.
    lines.push(captureLine({ ...rows()[0], id: 'late' }, new Date('2026-11-20T10:50:00Z')));
    await capture.put(captureFileKey(ENDPOINT, 'AllTraffic', hour, 'a'), `${lines.join('\n')}\n`);
    await capture.put(
      captureFileKey(ENDPOINT, 'AllTraffic', new Date('2026-11-20T09:59:00Z'), 'b'),
      `${captureLine({ ...rows()[0], id: 'early' }, new Date('2026-11-20T09:59:00Z'))}\n`,
    );
    const labels = rows().map(r =>
      JSON.stringify({ groundTruthData: { data: r.label, encoding: 'CSV' }, eventMetadata: { eventId: r.id }, eventVersion: '0' }),
    );
    await groundTruth.put(`${groundTruthHourPrefix(new Date('2026-11-20T11:00:00Z'))}11-30-00-000-x.jsonl`, `${labels.join('\n')}\n`);
  });

  afterAll(async () => {
    await engine.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const biasOptions = (overrides: Partial<BiasDriftWindowOptions> = {}): BiasDriftWindowOptions => ({
    engine, captureStore: capture, groundTruthStore: groundTruth, endpoint: ENDPOINT, featureNames: FEATURES,
    probabilityAttribute: '0', probabilityThreshold: 0.5,
    facet: { column: 'sex', values: ['Female'] }, label: { column: 'income', positiveValues: ['1'] },
    metrics: ['DPPL', 'DI'], baseline: biasBaseline(0.1, 0.8), output, schedule: 'income-bias', ...WINDOW, ...overrides,
  });

  it('reads features from CSV and JSON inputs, the score and the late label per prediction', async () => {
    const table = await createClarifyWindowTable({ ...biasOptions(), labelColumn: 'income' });
    try {
      expect(table.window.window.start.toISOString()).toBe('2026-11-20T10:00:00.000Z');
      expect(table.report).toMatchObject({ predictionsInWindow: 41, rows: 40, shortInputRecords: 0, multiRecordRequests: 0 });
      expect(table.report.merge?.unlabelledPredictions).toBe(1);
      const sample = await engine.query<Record<string, string>>(
        `SELECT age, sex, hours, prediction, income FROM ${table.relation} WHERE mlmon_row_key IN ('r1', 'r22') ORDER BY age`,
      );
      expect(sample).toEqual([
        { age: '21', sex: 'Male', hours: '35', prediction: '0.8', income: '1' },
        { age: '42', sex: 'Female', hours: '35', prediction: '0.8', income: '1' },
      ]);
    } finally {
      await table.dispose();
    }
  });

  it('computes the bias of the window and reports drift beyond the baseline in SageMaker layout', async () => {
    const result = await runBiasDriftWindow(biasOptions());
    expect(result.failureReason).toBeUndefined();
    expect(result.status).toBe('CompletedWithViolations');
    const metrics = result.analysis!.post_training_bias_metrics!.facets.sex[0].metrics;
    expect(metrics.find(m => m.name === 'DPPL')?.value).toBeCloseTo(12 / 20 - 4 / 20, 10);
    expect(metrics.find(m => m.name === 'DI')?.value).toBeCloseTo(4 / 12, 10);
    expect(result.violations.map(v => v.metric_name).sort()).toEqual(['DI', 'DPPL']);
    expect(result.reportPrefix).toBe('income/income-bias/2026/11/20/12/');
    const written = JSON.parse((await output.get(`${result.reportPrefix}constraint_violations.json`)).toString());
    expect(written.violations[0]).toMatchObject({ facet: 'sex', facet_value: 'Female', constraint_check_type: 'bias_drift_check' });
    const cloudwatch = (await output.get(`${result.reportPrefix}cloudwatch_metrics.jsonl`)).toString().trim().split('\n');
    expect(cloudwatch.map(l => JSON.parse(l).MetricName).sort()).toEqual(['bias_metric_DI', 'bias_metric_DPPL']);
  });

  it('passes when the window is no farther from the ideal than the baseline', async () => {
    const result = await runBiasDriftWindow(biasOptions({ baseline: biasBaseline(0.5, 0.2), schedule: 'income-bias-ok' }));
    expect(result.status).toBe('Completed');
    expect(await output.exists(`${result.reportPrefix}constraint_violations.json`)).toBe(false);
  });

  it('fails with a reason naming what is wrong', async () => {
    const empty = new FileObjectStore(path.join(root, 'no-baseline'));
    expect((await runBiasDriftWindow(biasOptions({ baseline: empty }))).failureReason).toBe(
      `Baseline analysis.json not found: ${empty.url.replace(/\/+$/, '')}/analysis.json`,
    );
    expect((await runBiasDriftWindow(biasOptions({ facet: { column: 'race', values: ['Black'] } }))).failureReason).toBe(
      'Column race is not one of the input feature columns (age, sex, hours)',
    );
    const noLabels = new FileObjectStore(path.join(root, 'no-labels'));
    expect((await runBiasDriftWindow(biasOptions({ groundTruthStore: noLabels }))).failureReason).toMatch(/^No ground truth for the window/);
    expect((await runBiasDriftWindow(biasOptions({ scheduledTime: new Date('2026-11-21T12:00:00Z') }))).failureReason).toBe(
      'No captured predictions for endpoint income in the window',
    );
  });

  const attributionBaseline = (age: number, hours: number) =>
    parseClarifyAnalysis(
      writeClarifyAnalysis({ version: '1.0', explanations: { kernel_shap: { label0: { global_shap_values: { age, hours } } } } }),
      'baseline',
    );
  const linear = {
    kind: 'linear' as const,
    model: { kind: 'logistic' as const, featureNames: ['age', 'hours'], weights: [0.05, 0.02], intercept: -3 },
    background: [[40, 40]],
  };

  it('explains the window with exact linear SHAP and checks the ranking with NDCG', async () => {
    const same = await runAttributionDriftWindow({
      engine, captureStore: capture, endpoint: ENDPOINT, featureNames: FEATURES, probabilityAttribute: '0',
      baseline: attributionBaseline(0.6, 0.1), explainer: linear, output, schedule: 'income-attr', ...WINDOW,
    });
    expect(same.failureReason).toBeUndefined();
    const expectedAge = rows().reduce((s, r) => s + Math.abs(0.05 * (r.age - 40)), 0) / 41;
    const values = same.analysis!.explanations!.kernel_shap!.label0.global_shap_values;
    // 41 predictions: the unlabelled one counts too (attributions need no ground truth).
    expect(values.age).toBeCloseTo(expectedAge + Math.abs(0.05 * (20 - 40)) / 41, 10);
    expect(same.ndcgByLabel!.label0).toBe(1);
    expect(same.status).toBe('Completed');

    const swapped = await runAttributionDriftWindow({
      engine, captureStore: capture, endpoint: ENDPOINT, featureNames: FEATURES, probabilityAttribute: '0',
      baseline: attributionBaseline(0.1, 0.6), explainer: linear, output, schedule: 'income-attr', ...WINDOW, threshold: 0.95,
    });
    expect(swapped.ndcgByLabel!.label0).toBeLessThan(0.95);
    expect(swapped.status).toBe('CompletedWithViolations');
    expect(swapped.violations[0]).toMatchObject({ label: 'label0', constraint_check_type: 'feature_attribution_drift_check' });
  });

  it('uses attributions carried in the captured output', async () => {
    const store = new FileObjectStore(path.join(root, 'capture-attr'));
    const hour = new Date('2026-11-20T10:00:00Z');
    await store.put(
      captureFileKey(ENDPOINT, 'AllTraffic', hour, 'c'),
      `${rows().map(r => captureLine(r, new Date(hour.getTime() + r.minute * 60_000), true)).join('\n')}\n`,
    );
    const result = await runAttributionDriftWindow({
      engine, captureStore: store, endpoint: ENDPOINT, featureNames: FEATURES, probabilityAttribute: 'score',
      baseline: attributionBaseline(0.5, 0.05), explainer: { kind: 'captured', attributionsAttribute: 'attributions' },
      output, schedule: 'income-captured', ...WINDOW,
    });
    expect(result.failureReason).toBeUndefined();
    const values = result.analysis!.explanations!.kernel_shap!.label0.global_shap_values;
    expect(values.age).toBeCloseTo(rows().reduce((s, r) => s + r.age / 100, 0) / 40, 10);
    expect(result.status).toBe('Completed');
  });

  it('fails when the explained features are not input columns or the baseline is not an attribution baseline', async () => {
    const base = { engine, captureStore: capture, endpoint: ENDPOINT, featureNames: FEATURES, output, schedule: 'x', ...WINDOW };
    const bad = await runAttributionDriftWindow({
      ...base, baseline: attributionBaseline(1, 1),
      explainer: { ...linear, model: { ...linear.model, featureNames: ['age', 'income'] } },
    });
    expect(bad.failureReason).toBe('Explained feature income is not one of the input feature columns (age, sex, hours)');
    const folder = new FileObjectStore(path.join(root, 'bias-folder'));
    await folder.put('analysis.json', writeClarifyAnalysis(biasBaseline(0.1, 0.9)));
    const notAttribution = await runAttributionDriftWindow({ ...base, baseline: folder, explainer: linear });
    expect(notAttribution.failureReason).toMatch(/has no explanations.kernel_shap: it is not a feature-attribution baseline$/);
  });
});
