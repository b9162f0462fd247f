import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sharedDataset } from '../testing/sharedFolder';
import { FileObjectStore } from '../storage/FileObjectStore';
import { ObjectStore } from '../storage/ObjectStore';
import { hourOfKey } from '../storage/layout';
import { CaptureRecord, formatCaptureRecord, parseCaptureJsonl } from '../formats/captureRecord';
import { GroundTruthRecord, parseGroundTruthJsonl } from '../formats/groundTruthRecord';
import { readDatasetTable } from './datasetTable';
import { simulateTraffic, SimulateTrafficOptions } from './simulateTraffic';

const housing = readDatasetTable(sharedDataset('california_housing.csv'));
const adult = readDatasetTable(sharedDataset('adult_income.csv'));
const START = new Date('2026-11-20T00:00:00Z');
const HOUR = 3_600_000;

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'mlmon-simulate-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

async function readAll(store: ObjectStore, prefix = ''): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for await (const info of store.list(prefix)) files.set(info.key, (await store.get(info.key)).toString('utf8'));
  return files;
}

async function captures(store: ObjectStore): Promise<Array<{ key: string; record: CaptureRecord; line: string }>> {
  const out: Array<{ key: string; record: CaptureRecord; line: string }> = [];
  for (const [key, text] of await readAll(store)) {
    const lines = text.split('\n').filter(Boolean);
    parseCaptureJsonl(text, key).records.forEach((record, i) => out.push({ key, record, line: lines[i] }));
  }
  return out;
}

async function truths(store: ObjectStore): Promise<Array<{ key: string; record: GroundTruthRecord }>> {
  const out: Array<{ key: string; record: GroundTruthRecord }> = [];
  for (const [key, text] of await readAll(store)) {
    parseGroundTruthJsonl(text, key).records.forEach(record => out.push({ key, record }));
  }
  return out;
}

function run(name: string, overrides: Partial<SimulateTrafficOptions> = {}, withGroundTruth = false) {
  const output = new FileObjectStore(path.join(root, name, 'capture'));
  const groundTruth = new FileObjectStore(path.join(root, name, 'gt'));
  const options: SimulateTrafficOptions = {
    dataset: housing, endpoint: 'housing', output, start: START, hours: 3, ratePerHour: 120,
    label: 'median_house_value', seed: 42, ...(withGroundTruth ? { groundTruth } : {}), ...overrides,
  };
  return { output, groundTruth, result: simulateTraffic(options) };
}

describe('simulateTraffic', () => {
  it('writes valid SageMaker capture files in the hour folders of their inference times', async () => {
    const { output, result } = run('a', { drift: 'median_income:scale=1.6,from=2026-11-20T01:00Z' });
    expect(await result).toMatchObject({ captureRecords: 360, driftedRecords: 240, rowsWithoutLabel: 0 });
    const all = await captures(output);
    expect(all).toHaveLength(360);
    for (const { key, record, line } of all) {
      expect(key).toMatch(/^housing\/AllTraffic\/2026\/11\/20\/0[0-2]\/\d{2}-\d{2}-\d{3}-[0-9a-f-]{36}\.jsonl$/);
      const time = Date.parse(record.eventMetadata.inferenceTime);
      expect(hourOfKey(key)!.getTime()).toBe(Math.floor(time / HOUR) * HOUR);
      // The fast writer and the schema-driven writer agree byte for byte.
      expect(formatCaptureRecord(record)).toBe(line);
      // Inputs are the data set's columns without the label.
      expect(record.captureData.endpointInput!.data.split(',')).toHaveLength(9);
    }
    const perHour = [0, 1, 2].map(h => all.filter(c => hourOfKey(c.key)!.getTime() === START.getTime() + h * HOUR).length);
    expect(perHour).toEqual([120, 120, 120]);
  });

  it('is deterministic for a seed, and a different seed gives different traffic', async () => {
    const first = run('one');
    const second = run('two');
    await Promise.all([first.result, second.result]);
    const a = await readAll(first.output);
    expect(a).toEqual(await readAll(second.output));
    const third = run('three', { seed: 43 });
    await third.result;
    expect(await readAll(third.output)).not.toEqual(a);
  });

  it('applies drift only inside its span, to the same sampled rows', async () => {
    const plain = run('plain');
    const drifted = run('drifted', { drift: 'median_income:scale=2,from=2026-11-20T01:00Z,to=2026-11-20T02:00Z' });
    await Promise.all([plain.result, drifted.result]);
    const before = await captures(plain.output);
    const after = await captures(drifted.output);
    const income = (c: { record: CaptureRecord }) => Number(c.record.captureData.endpointInput!.data.split(',')[7]);
    expect(after.map(c => c.record.eventMetadata.eventId)).toEqual(before.map(c => c.record.eventMetadata.eventId));
    const ratios = after.map((c, i) => ({
      hour: (Date.parse(c.record.eventMetadata.inferenceTime) - START.getTime()) / HOUR,
      ratio: income(c) / income(before[i]),
    }));
    const inSpan = ratios.filter(r => r.hour >= 1 && r.hour < 2).map(r => r.ratio);
    const outsideSpan = ratios.filter(r => !(r.hour >= 1 && r.hour < 2)).map(r => r.ratio);
    expect(inSpan.length).toBeGreaterThan(0);
    expect(outsideSpan.length).toBeGreaterThan(0);
    for (const ratio of inSpan) expect(ratio).toBeCloseTo(2, 3);
    expect(outsideSpan).toEqual(outsideSpan.map(() => 1));
  });

  it('writes ground truth at the hour the label arrives, keyed by the capture eventId', async () => {
    const delay = 2 * 24 * HOUR + 30 * 60_000;
    const { output, groundTruth, result } = run('gt', { labelDelayMs: delay }, true);
    expect(await result).toMatchObject({ captureRecords: 360, groundTruthRecords: 360 });
    const caps = new Map((await captures(output)).map(c => [c.record.eventMetadata.eventId, c.record]));
    const gts = await truths(groundTruth);
    expect(gts).toHaveLength(360);
    for (const { key, record } of gts) {
      const capture = caps.get(record.eventMetadata.eventId)!;
      expect(capture).toBeDefined();
      // The delay is whole seconds, so the second-precision inferenceTime gives the same arrival hour.
      const arrival = Date.parse(capture.eventMetadata.inferenceTime) + delay;
      expect(hourOfKey(key)!.getTime()).toBe(Math.floor(arrival / HOUR) * HOUR);
      expect(key.startsWith('2026/11/22/')).toBe(true);
      expect(Number(record.groundTruthData.data)).toBeGreaterThan(0);
    }
  });

  it('degrades a binary classifier over a span, measurable by joining ground truth on inferenceId', async () => {
    const output = new FileObjectStore(path.join(root, 'adult', 'capture'));
    const gt = new FileObjectStore(path.join(root, 'adult', 'gt'));
    const result = await simulateTraffic({
      dataset: adult, endpoint: 'adult', output, groundTruth: gt, start: START, hours: 4, ratePerHour: 1000,
      label: 'income', seed: 3, inferenceIds: true, modelQuality: { accuracy: 0.95 },
      degrade: 'accuracy=0.5,from=2026-11-20T02:00Z', format: 'json', fileMinutes: 10,
    });
    expect(result).toMatchObject({ captureRecords: 4000, groundTruthRecords: 4000, captureFiles: 24 });
    const labels = new Map((await truths(gt)).map(t => [t.record.eventMetadata.eventId, t.record.groundTruthData.data]));
    const hits = [0, 0];
    const totals = [0, 0];
    for (const { record } of await captures(output)) {
      expect(record.captureData.endpointInput!.observedContentType).toBe('application/json');
      const features = JSON.parse(record.captureData.endpointInput!.data).instances[0].features;
      expect(features).toHaveLength(14);
      const prediction = JSON.parse(record.captureData.endpointOutput!.data).predictions[0];
      const late = Date.parse(record.eventMetadata.inferenceTime) >= Date.parse('2026-11-20T02:00:00Z') ? 1 : 0;
      totals[late]++;
      if (String(prediction.predicted_label) === labels.get(record.eventMetadata.inferenceId!)) hits[late]++;
    }
    expect(hits[0] / totals[0]).toBeGreaterThan(0.93);
    expect(hits[1] / totals[1]).toBeGreaterThan(0.45);
    expect(hits[1] / totals[1]).toBeLessThan(0.55);
  });

  it('uses a model passed in, and otherwise a fixed linear score without a label', async () => {
    const store = new FileObjectStore(path.join(root, 'model'));
    await simulateTraffic({
      dataset: housing, endpoint: 'm', output: store, start: START, hours: 1, ratePerHour: 20,
      predict: f => (Number(f.median_income) > 5 ? 'rich' : 'poor'),
    });
    for (const { record } of await captures(store)) {
      const cells = record.captureData.endpointInput!.data.split(',');
      expect(cells).toHaveLength(10);
      expect(record.captureData.endpointOutput!.data).toBe(Number(cells[7]) > 5 ? 'rich' : 'poor');
    }
    const scored = new FileObjectStore(path.join(root, 'scored'));
    await simulateTraffic({ dataset: housing, endpoint: 'm', output: scored, start: START, hours: 1, ratePerHour: 20 });
    for (const { record } of await captures(scored)) {
      const score = Number(record.captureData.endpointOutput!.data);
      expect(score).toBeGreaterThan(0);
      expect(score).toBeLessThan(1);
    }
  });

  it('rejects bad options with clear errors', async () => {
    const output = new FileObjectStore(root);
    const base = { dataset: housing, endpoint: 'ep', output, start: START, hours: 1, ratePerHour: 10 };
    await expect(simulateTraffic({ ...base, endpoint: 'a/b' })).rejects.toThrow(/Invalid endpoint name/);
    await expect(simulateTraffic({ ...base, groundTruth: output })).rejects.toThrow(/needs a label column/);
    await expect(simulateTraffic({ ...base, label: 'price' })).rejects.toThrow(/no label column named "price"; columns are longitude/);
    await expect(simulateTraffic({ ...base, drift: 'ocean_proximity:scale=2' })).rejects.toThrow(/needs a numeric column/);
    await expect(simulateTraffic({ ...base, drift: 'nope:shift=1' })).rejects.toThrow(/unknown column "nope"/);
    await expect(simulateTraffic({ ...base, hours: 0 })).rejects.toThrow(/hours must be/);
  });
});
