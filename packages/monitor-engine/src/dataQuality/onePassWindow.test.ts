import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDbEngine } from '../sql/DuckDbEngine';
import { FileObjectStore } from '../storage/FileObjectStore';
import { captureFileKey } from '../storage/layout';
import { formatCaptureRecord } from '../formats/captureRecord';
import { suggestBaseline } from '../baseline/suggestBaseline';
import { runDataQualityMonitor } from './runDataQualityMonitor';

/**
 * The one-pass read of a window of the common shape (capture/regularWindowTable.ts, profiled by
 * baseline/wideProfiler.ts) against the general scan and long-table profile: the same files,
 * byte for byte, on every window; windows that are not of the common shape go the general way.
 */

const WINDOW = {
  start: new Date('2026-03-01T10:00:00Z'),
  end: new Date('2026-03-01T11:00:00Z'),
};
const COLUMNS = ['prediction', 'rooms', 'income', 'ocean', 'area', 'flag'];

/** Seeded PRNG so the windows are the same on every run. */
function mulberry32(seed: number) {
  let state = seed;
  return () => {
    state += 0x6d2b79f5;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Records of every kind of value: fractional and integral numbers, exponents, signs, missing
 * values, a categorical text column and a true/false column. `shift` moves the numbers and
 * brings a new category, for violations.
 */
function records(count: number, seed: number, shift = 0): string[][] {
  const random = mulberry32(seed);
  const oceans = ['NEAR BAY', 'INLAND', '<1H OCEAN', 'ISLAND'];
  return [...Array(count).keys()].map(n => [
    (100000 + random() * 50000 * (1 + shift)).toFixed(2),
    String(Math.floor(random() * 20 * (1 + shift))),
    random() < 0.05 ? '' : (random() * 10 + shift * 5).toFixed(4),
    shift && random() < 0.2 ? 'MOON' : oceans[n % oceans.length],
    n % 7 === 0 ? `${(random() * 9).toFixed(1)}e3` : `-${random().toFixed(3)}`,
    random() < 0.5 ? 'true' : 'false',
  ]);
}

function captureLine(values: string[], n: number, input?: string): string {
  const [output, ...inputs] = values;
  return formatCaptureRecord({
    captureData: {
      endpointInput: {
        observedContentType: 'text/csv',
        mode: 'INPUT',
        data: input ?? inputs.join(','),
        encoding: 'CSV',
      },
      endpointOutput: {
        observedContentType: 'text/csv; charset=utf-8',
        mode: 'OUTPUT',
        data: output,
        encoding: 'CSV',
      },
    },
    eventMetadata: {
      eventId: `id-${n}`,
      inferenceTime: `2026-03-01T10:${String(n % 60).padStart(2, '0')}:00Z`,
    },
    eventVersion: '0',
  });
}

describe('the one-pass read of a capture window', () => {
  let engine: DuckDbEngine;
  let dir: string;
  let baselineDir: string;

  beforeAll(async () => {
    engine = await DuckDbEngine.create({ memoryLimit: '512MB' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dq-one-pass-'));
    const csv = path.join(dir, 'baseline.csv');
    fs.writeFileSync(
      csv,
      [COLUMNS, ...records(2500, 1)].map(r => r.join(',')).join('\n'),
    );
    baselineDir = path.join(dir, 'baseline');
    await suggestBaseline({
      engine,
      dataset: { path: csv, format: 'csv', header: true },
      output: { dir: baselineDir },
    });
  });
  afterAll(async () => {
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A store with the lines in two capture files of the window. */
  function store(name: string, lines: string[]): FileObjectStore {
    const root = path.join(dir, name);
    const half = Math.ceil(lines.length / 2);
    [lines.slice(0, half), lines.slice(half)].forEach((part, k) => {
      const file = path.join(
        root,
        captureFileKey(
          'housing',
          'AllTraffic',
          new Date(`2026-03-01T10:0${k + 1}:00Z`),
          `aaaa-${k}`,
        ),
      );
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, `${part.join('\n')}\n`);
    });
    return new FileObjectStore(root);
  }

  /** Runs both ways and expects the same report files; returns the automatic run. */
  async function bothWays(name: string, lines: string[]) {
    const captureStore = store(name, lines);
    const run = (windowPath: 'auto' | 'general') =>
      runDataQualityMonitor({
        engine,
        captureStore,
        endpoint: 'housing',
        baselineDir,
        ...WINDOW,
        outputDir: path.join(dir, `${name}-${windowPath}`),
        windowPath,
      });
    const auto = await run('auto');
    const general = await run('general');
    expect(general.readPath).toBe('general');
    expect(auto.status).toBe(general.status);
    expect(auto.capture).toEqual(general.capture);
    expect(auto.notes).toEqual(general.notes);
    expect(auto.statistics).toEqual(general.statistics);
    expect(auto.violations).toEqual(general.violations);
    expect(auto.metrics).toEqual(general.metrics);
    const files = fs.readdirSync(path.join(dir, `${name}-general`)).sort();
    expect(files).toEqual(
      expect.arrayContaining(['statistics.json', 'constraint_violations.json']),
    );
    for (const file of files) {
      expect(
        fs.readFileSync(path.join(dir, `${name}-auto`, file), 'utf8'),
      ).toBe(fs.readFileSync(path.join(dir, `${name}-general`, file), 'utf8'));
    }
    return auto;
  }

  it('reads a window of the common shape in one pass, with the same results', async () => {
    const lines = records(3000, 2).map((r, n) => captureLine(r, n));
    const auto = await bothWays('same', lines);
    expect(auto.readPath).toBe('one-pass');
    expect(auto.status).toBe('Completed');
    expect(auto.capture?.records).toBe(3000);
  });

  it('gives the same violations on a drifted window', async () => {
    const lines = records(3000, 3, 1).map((r, n) => captureLine(r, n));
    const auto = await bothWays('drift', lines);
    expect(auto.readPath).toBe('one-pass');
    expect(auto.violations?.violations.length).toBeGreaterThan(0);
  });

  it('keeps a column whose first value is missing', async () => {
    const rows = records(500, 4);
    rows[0][2] = '';
    const auto = await bothWays(
      'first-missing',
      rows.map((r, n) => captureLine(r, n)),
    );
    expect(auto.readPath).toBe('one-pass');
  });

  it('leaves a column of numbers with a text further on to the general scan', async () => {
    const rows = records(500, 5);
    rows[300][1] = 'many';
    const auto = await bothWays(
      'mixed',
      rows.map((r, n) => captureLine(r, n)),
    );
    expect(auto.readPath).toBe('general');
    expect(
      auto.statistics?.features.find(f => f.name === 'rooms')?.inferred_type,
    ).toBe('String');
  });

  it('leaves windows of other shapes to the general scan and its report', async () => {
    const rows = records(400, 6);
    const lines = rows.map((r, n) => captureLine(r, n));
    // A JSON payload, a quoted CSV value, a short record and a line that is not JSON.
    lines[10] = captureLine(rows[10], 10).replace(
      '"observedContentType":"text/csv","mode":"INPUT"',
      '"observedContentType":"application/json","mode":"INPUT"',
    );
    lines[20] = captureLine(
      rows[20],
      20,
      rows[20].slice(1).join(',').replace('INLAND', '"INLAND"'),
    );
    lines[30] = captureLine(rows[30], 30, '1,2');
    lines.splice(40, 0, '{not json');
    const auto = await bothWays('irregular', lines);
    expect(auto.readPath).toBe('general');
    expect(auto.capture?.malformedLines).toBe(1);
    expect(auto.capture?.wrongColumnCount).toBeGreaterThan(0);
  });

  it('leaves requests outside the window to the general scan', async () => {
    const rows = records(200, 7);
    const lines = rows.map((r, n) => captureLine(r, n));
    lines.push(
      captureLine(rows[0], 0).replace(
        '2026-03-01T10:00:00Z',
        '2026-03-01T12:00:00Z',
      ),
    );
    const auto = await bothWays('outside', lines);
    expect(auto.readPath).toBe('general');
    expect(auto.capture?.requestsOutsideWindow).toBe(1);
  });
});
