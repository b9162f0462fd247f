import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDbEngine } from '../sql/DuckDbEngine';
import { runDataQualityMonitor } from './runDataQualityMonitor';
import {
  WINDOW,
  captureLine,
  expectSameUpToRounding,
  records,
  suggestFixtureBaseline,
  windowStore,
} from '../testing/captureWindowFixtures';

/**
 * The fast reads of a window of the common shape — streamed (capture/streamedWindowProfile.ts)
 * and one-pass (capture/regularWindowTable.ts, profiled by baseline/wideProfiler.ts) — against
 * the general scan and long-table profile: the same results on every window; windows that are
 * not of the common shape go the general way.
 */

describe('the one-pass read of a capture window', () => {
  let engine: DuckDbEngine;
  let dir: string;
  let baselineDir: string;

  beforeAll(async () => {
    engine = await DuckDbEngine.create({ memoryLimit: '512MB' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dq-one-pass-'));
    baselineDir = await suggestFixtureBaseline(engine, dir);
  });
  afterAll(async () => {
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const store = (name: string, lines: string[]) =>
    windowStore(path.join(dir, name), lines);

  /**
   * Runs a fast way and the general way and expects the same results and report files; returns
   * the fast run. The one-pass read aggregates the same values in the same order as the general
   * one, so its files are the same byte for byte; the streamed read adds the same doubles in
   * another order, so its sums (and the mean and standard deviation) may differ in the last
   * digits, and nothing else.
   */
  async function bothWays(
    name: string,
    lines: string[],
    fast: 'auto' | 'one-pass' = 'auto',
  ) {
    const captureStore = store(name, lines);
    const run = (windowPath: 'auto' | 'one-pass' | 'general') =>
      runDataQualityMonitor({
        engine,
        captureStore,
        endpoint: 'housing',
        baselineDir,
        ...WINDOW,
        outputDir: path.join(dir, `${name}-${windowPath}`),
        windowPath,
      });
    const auto = await run(fast);
    const general = await run('general');
    expect(general.failureReason).toBeUndefined();
    expect(general.readPath).toBe('general');
    expect(auto.status).toBe(general.status);
    expect(auto.capture).toEqual(general.capture);
    expect(auto.notes).toEqual(general.notes);
    const exact = auto.readPath !== 'streamed';
    const same = (a: unknown, b: unknown) =>
      exact ? expect(a).toEqual(b) : expectSameUpToRounding(a, b);
    same(auto.statistics, general.statistics);
    same(auto.violations, general.violations);
    same(auto.metrics, general.metrics);
    const files = fs.readdirSync(path.join(dir, `${name}-general`)).sort();
    expect(files).toEqual(
      expect.arrayContaining(['statistics.json', 'constraint_violations.json']),
    );
    const read = (way: string, file: string) =>
      fs.readFileSync(path.join(dir, `${name}-${way}`, file), 'utf8');
    for (const file of files) {
      const [a, b] = [read(fast, file), read('general', file)];
      if (exact) expect(a).toBe(b);
      else if (file.endsWith('.json')) same(JSON.parse(a), JSON.parse(b));
      else
        same(
          a
            .trim()
            .split('\n')
            .map(l => JSON.parse(l)),
          b
            .trim()
            .split('\n')
            .map(l => JSON.parse(l)),
        );
    }
    return auto;
  }

  it('reads a window of the common shape in one streamed scan, with the same results', async () => {
    const lines = records(3000, 2).map((r, n) => captureLine(r, n));
    const auto = await bothWays('same', lines);
    expect(auto.readPath).toBe('streamed');
    expect(auto.status).toBe('Completed');
    expect(auto.capture?.records).toBe(3000);
  });

  it('reads the same window into a wide table in one pass, byte for byte as the general scan', async () => {
    const lines = records(3000, 2).map((r, n) => captureLine(r, n));
    const onePass = await bothWays('same-one-pass', lines, 'one-pass');
    expect(onePass.readPath).toBe('one-pass');
  });

  it('gives the same violations on a drifted window', async () => {
    const lines = records(3000, 3, 1).map((r, n) => captureLine(r, n));
    const auto = await bothWays('drift', lines);
    expect(auto.readPath).toBe('streamed');
    expect(auto.violations?.violations.length).toBeGreaterThan(0);
  });

  it("reads numbers in another form than the first request's, and missing values, in the stream", async () => {
    const rows = records(3000, 8);
    rows[0][0] = '120000'; // an integral prediction first, fractional ones after
    rows[5][4] = '7'; // an integral among fractional and exponent values
    rows[9][2] = ''; // a missing income
    const auto = await bothWays(
      'other-forms',
      rows.map((r, n) => captureLine(r, n)),
    );
    expect(auto.readPath).toBe('streamed');
  });

  it('leaves a column whose sketch keeps its values in input order to the one-pass read', async () => {
    const rows = records(500, 4);
    rows[0][2] = '';
    const auto = await bothWays(
      'first-missing',
      rows.map((r, n) => captureLine(r, n)),
    );
    expect(auto.readPath).toBe('one-pass');
  });

  it('leaves a number deequ reads and a cast does not ("- 5") to the other paths', async () => {
    const rows = records(3000, 9);
    rows[100][1] = '- 5';
    const auto = await bothWays(
      'sign-space',
      rows.map((r, n) => captureLine(r, n)),
    );
    expect(auto.readPath).not.toBe('streamed');
  });

  it('reads a number beyond the double range as a text, the same on every path', async () => {
    const rows = records(3000, 10);
    rows[42][2] = '1e400';
    const auto = await bothWays(
      'overflow',
      rows.map((r, n) => captureLine(r, n)),
    );
    expect(auto.readPath).not.toBe('streamed');
    expect(auto.status).toBe('CompletedWithViolations');
    expect(
      auto.statistics?.features.find(f => f.name === 'income')?.inferred_type,
    ).toBe('String');
    expect(
      auto.violations?.violations.map(v => [
        v.feature_name,
        v.constraint_check_type,
      ]),
    ).toContainEqual(['income', 'data_type_check']);
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
