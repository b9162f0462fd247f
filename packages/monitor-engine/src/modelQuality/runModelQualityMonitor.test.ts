import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatCaptureJsonl } from '../formats/captureRecord';
import { DuckDbEngine } from '../sql/DuckDbEngine';
import { FileObjectStore } from '../storage/FileObjectStore';
import { captureFileKey, hourFolder } from '../storage/layout';
import { runModelQualityMonitor, RunModelQualityMonitorOptions } from './runModelQualityMonitor';

const ENDPOINT = 'churn-endpoint';
const SCHEDULED = new Date('2026-11-24T13:00:00Z');
// Offsets -P2D/-P1D at S judge the predictions of [2026-11-22T13:00, 2026-11-23T13:00).
const WINDOW_START = new Date('2026-11-22T13:00:00Z');

interface Prediction {
  id: string;
  /** Sent as InferenceId, so labels must use it rather than the eventId. */
  withInferenceId: boolean;
  time: Date;
  probability: number;
  label: number;
}

function captureLine(p: Prediction) {
  return {
    captureData: {
      endpointInput: { observedContentType: 'text/csv', mode: 'INPUT' as const, data: '1,2,3', encoding: 'CSV' as const },
      endpointOutput: {
        observedContentType: 'text/csv; charset=utf-8',
        mode: 'OUTPUT' as const,
        data: String(p.probability),
        encoding: 'CSV' as const,
      },
    },
    eventMetadata: {
      eventId: p.withInferenceId ? `event-${p.id}` : p.id,
      ...(p.withInferenceId ? { inferenceId: p.id } : {}),
      inferenceTime: `${p.time.toISOString().slice(0, 19)}Z`,
    },
    eventVersion: '0',
  };
}

const label = (id: string, value: string) =>
  JSON.stringify({ groundTruthData: { data: value, encoding: 'CSV' }, eventMetadata: { eventId: id }, eventVersion: '0' });

describe('runModelQualityMonitor with ground truth arriving two days late', () => {
  let engine: DuckDbEngine;
  let root: string;
  let capture: FileObjectStore;
  let groundTruth: FileObjectStore;
  let output: FileObjectStore;
  const predictions: Prediction[] = [];

  beforeAll(async () => {
    engine = await DuckDbEngine.create({ memoryLimit: '256MB' });
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'mq-monitor-'));
    capture = new FileObjectStore(path.join(root, 'capture'));
    groundTruth = new FileObjectStore(path.join(root, 'ground-truth'));
    output = new FileObjectStore(path.join(root, 'reports'));
    // 80 predictions spread over the window's first 8 hours; a weak model (probability vs label).
    for (let i = 0; i < 80; i++) {
      const labelValue = i % 3 === 0 ? 1 : 0;
      predictions.push({
        id: `p${i}`,
        withInferenceId: i % 2 === 0,
        time: new Date(WINDOW_START.getTime() + i * 6 * 60_000 + 7_000),
        probability: Math.round(((labelValue ? 0.55 : 0.35) + ((i * 37) % 40) / 100) * 1000) / 1000,
        label: labelValue,
      });
    }
    const earlier: Prediction = { id: 'before', withInferenceId: false, time: new Date('2026-11-22T12:30:00Z'), probability: 0.9, label: 1 };
    const later: Prediction = { id: 'after', withInferenceId: true, time: new Date('2026-11-23T14:00:00Z'), probability: 0.1, label: 0 };
    const all = [...predictions, earlier, later];
    for (const [index, p] of all.entries()) {
      const fileId = `00000000-0000-0000-0000-${String(index).padStart(12, '0')}`;
      await capture.put(captureFileKey(ENDPOINT, 'AllTraffic', p.time, fileId), formatCaptureJsonl([captureLine(p)]));
    }
    // A malformed capture line in the window's first hour.
    await capture.put(`${ENDPOINT}/AllTraffic/${hourFolder(WINDOW_START)}59-59-999-ffffffff.jsonl`, '{"captureData": oops\n');

    // Labels for the window arrive two days after the predictions (collected 2026-11-24T10:00).
    const lateHour = hourFolder(new Date('2026-11-24T10:00:00Z'));
    const lateLines = predictions.slice(0, 76).map(p => label(p.id, String(p.label)));
    lateLines.push(label('p0', String(predictions[0].label))); // duplicate, same label
    lateLines.push(label('p1', '1')); // p1 is 0: conflicting duplicate, read after the first
    lateLines.push(label('no-such-id', '1')); // unknown id
    lateLines.push('{"groundTruthData": {"data": "1"'); // malformed JSON
    lateLines.push(JSON.stringify({ groundTruthData: { data: '1', encoding: 'CSV' }, eventVersion: '0' })); // no eventId
    await groundTruth.put(`${lateHour}labels.jsonl`, `${lateLines.join('\n')}\n`);
    // Late labels of the neighbouring windows' predictions.
    await groundTruth.put(`${hourFolder(new Date('2026-11-22T15:00:00Z'))}labels.jsonl`, `${label('before', '1')}\n`);
    await groundTruth.put(`${hourFolder(new Date('2026-11-24T11:00:00Z'))}labels.jsonl`, `${label('after', '0')}\n`);
    // Labels collected after the execution are not read: p76…p79 stay unlabelled.
    await groundTruth.put(`${hourFolder(new Date('2026-11-24T15:00:00Z'))}labels.jsonl`,
      predictions.slice(76).map(p => label(p.id, String(p.label))).join('\n'));
    await output.put('baseline/constraints.json', JSON.stringify({
      version: 0.0,
      binary_classification_constraints: {
        accuracy: { threshold: 0.99, comparison_operator: 'LessThanThreshold' },
        false_positive_rate: { threshold: 0.9, comparison_operator: 'GreaterThanThreshold' },
      },
    }));
  });

  afterAll(async () => {
    await engine.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  /** One execution over the churn capture with the probability in output column 0. */
  const monitorChurn = (window: Partial<RunModelQualityMonitorOptions>) =>
    runModelQualityMonitor({
      engine,
      captureStore: capture,
      groundTruthStore: groundTruth,
      endpoint: ENDPOINT,
      baseline: path.join(root, 'reports', 'baseline'),
      probabilityAttribute: '0',
      output,
      ...window,
    });

  it('judges the late labels against the predictions of the offset window', async () => {
    const execution = await monitorChurn({
      probabilityThreshold: 0.5,
      scheduledTime: SCHEDULED,
      startOffset: '-P2D',
      endOffset: '-P1D',
      schedule: 'churn-quality',
      evaluationTime: null,
    });
    expect(execution.window).toEqual({ start: WINDOW_START, end: new Date('2026-11-23T13:00:00Z') });
    expect(execution.merge).toMatchObject({
      captureRecords: 81,
      malformedCaptureRecords: 1,
      predictionsInWindow: 80,
      duplicatePredictionRecords: 0,
      groundTruthRecords: 83,
      malformedGroundTruthRecords: 2,
      duplicateGroundTruthRecords: 2,
      conflictingGroundTruthIds: 1,
      matchedRecords: 76,
      unlabelledPredictions: 4,
      labelsForEarlierWindows: 1,
      labelsForLaterWindows: 1,
      unknownGroundTruthIds: 1,
      unknownIdExamples: ['no-such-id'],
    });
    // Every bad line is named by its store location and line number.
    expect(execution.merge?.problems.map(p => [path.relative(root, fileURLToPath(p.file)), p.line, p.problem])).toEqual([
      [`capture/${ENDPOINT}/AllTraffic/2026/11/22/13/59-59-999-ffffffff.jsonl`, 1, 'invalid JSON'],
      ['ground-truth/2026/11/24/10/labels.jsonl', 80, 'invalid JSON'],
      ['ground-truth/2026/11/24/10/labels.jsonl', 81, 'missing eventMetadata.eventId'],
    ]);

    // Independent counting over the 76 labelled predictions; p1's newer label (1) wins.
    const labelled = predictions.slice(0, 76).map(p => ({ ...p, label: p.id === 'p1' ? 1 : p.label }));
    const tp = labelled.filter(p => p.label === 1 && p.probability >= 0.5).length;
    const tn = labelled.filter(p => p.label === 0 && p.probability < 0.5).length;
    const fp = labelled.filter(p => p.label === 0 && p.probability >= 0.5).length;
    const fn = labelled.filter(p => p.label === 1 && p.probability < 0.5).length;
    expect(execution.metrics?.confusionMatrix?.toJson()).toEqual(
      new Map([
        ['0', new Map([['0', { value: tn }], ['1', { value: fp }]])],
        ['1', new Map([['0', { value: fn }], ['1', { value: tp }]])],
      ]),
    );
    expect(execution.metrics?.values.get('accuracy')?.value).toBeCloseTo((tp + tn) / 76, 12);
    expect(execution.status).toBe('CompletedWithViolations');

    const prefix = '2026/11/24/13/';
    const reports = path.join(root, 'reports', ENDPOINT, 'churn-quality', prefix);
    const violations = JSON.parse(fs.readFileSync(path.join(reports, 'constraint_violations.json'), 'utf8'));
    expect(violations.violations).toEqual([
      {
        constraint_check_type: 'LessThanThreshold',
        description: `Metric accuracy with ${(tp + tn) / 76} +/- NaN was LessThanThreshold '0.99'`,
        metric_name: 'accuracy',
      },
    ]);
    const statistics = JSON.parse(fs.readFileSync(path.join(reports, 'statistics.json'), 'utf8'));
    expect(statistics.dataset).toEqual({ item_count: 76 });
    const metricLines = fs.readFileSync(path.join(reports, 'cloudwatch_metrics.jsonl'), 'utf8').trim().split('\n');
    expect(JSON.parse(metricLines[2])).toEqual({
      MetricName: 'accuracy',
      Timestamp: '2026-11-24T13:00:00Z',
      Dimensions: [
        { Name: 'Endpoint', Value: ENDPOINT },
        { Name: 'MonitoringSchedule', Value: 'churn-quality' },
      ],
      Value: (tp + tn) / 76,
    });
    const summary = JSON.parse(fs.readFileSync(path.join(reports, 'execution_summary.json'), 'utf8'));
    expect(summary.exit_message).toBe('CompletedWithViolations: Job completed successfully with 1 violations.');
    expect(summary.merge.unknown_ground_truth_ids).toBe(1);

    // Merged records: SageMaker's layout, one part per inference hour, capture + groundTruthData.
    expect(execution.mergedKeys).toHaveLength(8);
    expect(execution.mergedKeys[0]).toMatch(
      /^merge\/churn-endpoint\/AllTraffic\/2026\/11\/22\/13\/part-00000-[0-9a-f-]{36}\.c000\.jsonl$/,
    );
    const firstPart = fs.readFileSync(path.join(root, 'reports', execution.mergedKeys[0]), 'utf8').trim().split('\n');
    expect(firstPart).toHaveLength(10);
    const merged = JSON.parse(firstPart[0]);
    expect(Object.keys(merged)).toEqual(['eventVersion', 'groundTruthData', 'captureData', 'eventMetadata']);
    expect(merged.groundTruthData).toEqual({ data: String(predictions[0].label), encoding: 'CSV' });
    expect(merged.eventMetadata.inferenceId).toBe('p0');
    expect(merged.captureData.endpointOutput.data).toBe(String(predictions[0].probability));
  });

  it('says so instead of reporting noise when the labels have not arrived yet', async () => {
    const execution = await monitorChurn({
      start: WINDOW_START,
      end: new Date('2026-11-23T13:00:00Z'),
      schedule: 'churn-quality-early',
    });
    expect(execution.status).toBe('Failed');
    expect(execution.failureReason).toBe(
      'Only 0 labelled predictions in the window (80 of 80 predictions have no label yet); at least 30 are needed for meaningful metrics, so none were computed',
    );
    expect(fs.existsSync(path.join(root, 'reports', ENDPOINT, 'churn-quality-early', '2026/11/23/13', 'statistics.json'))).toBe(false);
    const summary = JSON.parse(
      fs.readFileSync(path.join(root, 'reports', ENDPOINT, 'churn-quality-early', '2026/11/23/13', 'execution_summary.json'), 'utf8'),
    );
    expect(summary.status).toBe('Failed');
  });
});
