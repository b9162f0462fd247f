import {
  DuckDbEngine,
  openObjectStore,
  readConstraints,
  runDataQualityMonitor,
  runModelQualityMonitor,
  loadBaselineDir,
} from '@mlmon/monitor-engine';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEMO_MODELS } from './demoModels';
import { fileStartTime } from './demoTraffic';
import { LiveDemoTraffic } from './LiveDemoTraffic';
import { CURSOR_KEY, MARKER_KEY, loadDemoTables, seedDemo } from './seedDemo';

const DATASETS = path.resolve(__dirname, '../../../../../demo/data');
const HOUR_MS = 3_600_000;

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(e => e.isFile())
    .map(e => path.join(e.parentPath, e.name));
}

describe('demo seeding', () => {
  let dir: string;
  let dataRoot: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlmon-demo-test-'));
    dataRoot = pathToFileURL(dir).href;
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes baselines and hourly history once, fast, and the monitors find the story in it', async () => {
    const now = new Date('2026-11-20T10:17:00Z');
    const started = Date.now();
    const first = await seedDemo({ dataRoot, datasetsDir: DATASETS, historyHours: 96, now });
    const seconds = (Date.now() - started) / 1000;
    expect(seconds).toBeLessThan(60);
    expect(first.seeded).toBe(true);
    expect(first.marker.anchor).toBe('2026-11-20T10:00:00.000Z');
    // 96 hours at 120 + 120 + 90 records an hour.
    expect(first.records).toBeGreaterThan(96 * 320);

    for (const model of DEMO_MODELS) {
      const dq = path.join(dir, 'baselines', model.endpointName, model.dataQualitySchedule);
      const constraints = readConstraints(fs.readFileSync(path.join(dq, 'constraints.json'), 'utf8'), 'constraints.json');
      // The label is not an input of the model, so not a feature of the data-quality baseline.
      expect(constraints.features.map(f => f.name)).not.toContain(model.label);
      // Model quality (two of the three models): a baseline and ground truth.
      const mqSchedule = model.modelQuality?.schedule ?? 'none';
      expect(fs.existsSync(path.join(dir, 'baselines', model.endpointName, mqSchedule, 'statistics.json'))).toBe(!!model.modelQuality);
      expect(filesUnder(path.join(dir, 'ground-truth', model.endpointName)).length > 0).toBe(!!model.modelQuality);
      // No traffic from the current (unfinished) hour in the history.
      const capture = filesUnder(path.join(dir, 'capture', model.endpointName));
      const times = capture.map(f => fileStartTime(f.split(`${path.sep}capture${path.sep}`)[1].split(path.sep).join('/'))!.getTime());
      expect(Math.max(...times)).toBeLessThan(Date.parse('2026-11-20T10:00:00Z'));
      expect(Math.min(...times)).toBeGreaterThanOrEqual(Date.parse('2026-11-16T10:00:00Z'));
    }

    const second = await seedDemo({ dataRoot, datasetsDir: DATASETS, historyHours: 96, now: new Date(now.getTime() + HOUR_MS) });
    expect(second.seeded).toBe(false);
    expect(second.marker).toEqual(first.marker);

    // The drift episode: median_income drifts in the last day, not four days ago.
    const engine = await DuckDbEngine.create({ threads: 1 });
    try {
      const model = DEMO_MODELS[0];
      const baseline = await loadBaselineDir(path.join(dir, 'baselines', model.endpointName, model.dataQualitySchedule));
      const run = (start: number) =>
        runDataQualityMonitor({
          engine,
          captureStore: openObjectStore(path.join(dir, 'capture')),
          endpoint: model.endpointName,
          variant: 'AllTraffic',
          baseline,
          start: new Date(start),
          end: new Date(start + HOUR_MS),
          outputStore: openObjectStore(path.join(dir, 'reports')),
          outputPrefix: `r/${start}`,
          monitoringSchedule: model.dataQualitySchedule,
        });
      const early = await run(Date.parse('2026-11-17T09:00:00Z'));
      const late = await run(Date.parse('2026-11-20T08:00:00Z'));
      const drifted = (r: typeof early) => (r.violations?.violations ?? []).some(v => v.feature_name === 'median_income');
      expect(drifted(early)).toBe(false);
      expect(drifted(late)).toBe(true);

      // The income classifier: fine four days ago, worse than its baseline in the last hours.
      const income = DEMO_MODELS[1];
      const quality = (scheduledTime: string) =>
        runModelQualityMonitor({
          engine,
          captureStore: openObjectStore(path.join(dir, 'capture')),
          groundTruthStore: openObjectStore(path.join(dir, 'ground-truth', income.endpointName)),
          endpoint: income.endpointName,
          baseline: openObjectStore(path.join(dir, 'baselines', income.endpointName, income.modelQuality!.schedule)),
          problemType: 'BinaryClassification',
          probabilityAttribute: '0',
          probabilityThreshold: 0.5,
          output: openObjectStore(path.join(dir, 'reports')),
          schedule: income.modelQuality!.schedule,
          start: new Date(Date.parse(scheduledTime) - HOUR_MS),
          end: new Date(scheduledTime),
          scheduledTime: new Date(scheduledTime),
        });
      expect((await quality('2026-11-17T10:00:00Z')).status).toBe('Completed');
      expect((await quality('2026-11-20T09:00:00Z')).status).toBe('CompletedWithViolations');
    } finally {
      await engine.close();
    }
  }, 120_000);

  it('appends live traffic for ended minutes only, and a second tick adds no duplicates', async () => {
    const models = [DEMO_MODELS[2]];
    const now = new Date('2026-11-20T10:17:30Z');
    await seedDemo({ dataRoot, datasetsDir: DATASETS, historyHours: 2, now, models });
    const live = new LiveDemoTraffic(dataRoot, models, loadDemoTables(DATASETS, models), new Date('2026-11-20T10:00:00Z'));
    await live.tick(now);
    const hourDir = path.join(dir, 'capture', models[0].endpointName, 'AllTraffic', '2026', '11', '20', '10');
    const minutes = fs.readdirSync(hourDir).map(n => Number(n.slice(0, 2)));
    expect(Math.max(...minutes)).toBe(16);
    const count = fs.readdirSync(hourDir).length;
    await live.tick(now);
    expect(fs.readdirSync(hourDir).length).toBe(count);
    // A fresh process (restart) rewrites the same files with the same names: still no duplicates.
    const restarted = new LiveDemoTraffic(dataRoot, models, loadDemoTables(DATASETS, models), new Date('2026-11-20T10:00:00Z'));
    await restarted.tick(new Date('2026-11-20T10:20:05Z'));
    const after = fs.readdirSync(hourDir);
    expect(Math.max(...after.map(n => Number(n.slice(0, 2))))).toBe(19);
    expect(after.length).toBeGreaterThan(count);
    expect(new Set(after.map(n => n.slice(0, 5))).size).toBe(after.length);
    expect(JSON.parse(fs.readFileSync(path.join(dir, CURSOR_KEY), 'utf8')).until).toBe('2026-11-20T10:20:05.000Z');
    expect(fs.existsSync(path.join(dir, MARKER_KEY))).toBe(true);
  }, 60_000);
});
