import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildProgram } from '../program';
import { sagemakerSample } from '../../testing/sharedFolder';
import { formatCaptureRecord } from '../../formats/captureRecord';
import { captureFileKey } from '../../storage/layout';

const SDK_DQ =
  'aws__sagemaker-python-sdk/tests/data/pipeline/quality_check_step/data_quality';

/** Runs the CLI in-process; returns the exit code and what it printed. */
async function mlmon(...args: string[]) {
  const out: string[] = [];
  const spies = [
    jest.spyOn(process.stdout, 'write').mockImplementation(chunk => {
      out.push(String(chunk));
      return true;
    }),
    jest.spyOn(process.stderr, 'write').mockImplementation(chunk => {
      out.push(String(chunk));
      return true;
    }),
  ];
  process.exitCode = 0;
  let code = 0;
  try {
    await buildProgram().parseAsync(['node', 'mlmon', ...args]);
    code = Number(process.exitCode ?? 0);
  } catch (error) {
    code = (error as { exitCode?: number }).exitCode ?? 1;
  } finally {
    spies.forEach(s => s.mockRestore());
    process.exitCode = 0;
  }
  return { code, output: out.join('') };
}

/** `mlmon monitor data-quality` of endpoint ep over a window ending 2026-02-01T06:00Z. */
function monitorEp(o: {
  capture: string;
  baseline: string;
  start: string;
  output: string;
}) {
  return mlmon(
    'monitor',
    'data-quality',
    ...['--capture', o.capture, '--endpoint', 'ep', '--baseline', o.baseline],
    ...['--start', o.start, '--end', '2026-02-01T06:00Z', '--output', o.output],
  );
}

describe('mlmon suggest-baseline and monitor data-quality', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dq-cli-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('suggests a baseline identical to SageMaker’s, then monitors a window with it', async () => {
    const baseline = path.join(dir, 'baseline');
    const suggested = await mlmon(
      'suggest-baseline',
      '--dataset',
      sagemakerSample(`${SDK_DQ}/baseline_dataset.csv`),
      '--output',
      baseline,
    );
    expect(suggested.code).toBe(0);
    expect(suggested.output).toMatch(/Profiled 100 rows, 6 features/);
    expect(
      fs.readFileSync(path.join(baseline, 'statistics.json'), 'utf8'),
    ).toBe(
      fs
        .readFileSync(sagemakerSample(`${SDK_DQ}/statistics.json`), 'utf8')
        .replace(/\n$/, ''),
    );

    // A window of the baseline's own rows, as CSV capture records (no output captured).
    const rows = fs
      .readFileSync(sagemakerSample(`${SDK_DQ}/baseline_dataset.csv`), 'utf8')
      .trim()
      .split('\n');
    const file = path.join(
      dir,
      'capture',
      captureFileKey(
        'ep',
        'AllTraffic',
        new Date('2026-02-01T05:10:00Z'),
        'ab-1',
      ),
    );
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      rows
        .map((data, n) =>
          formatCaptureRecord({
            captureData: {
              endpointInput: {
                observedContentType: 'text/csv',
                mode: 'INPUT',
                data,
                encoding: 'CSV',
              },
            },
            eventMetadata: {
              eventId: `e${n}`,
              inferenceTime: '2026-02-01T05:10:00Z',
            },
            eventVersion: '0',
          }),
        )
        .join('\n'),
    );
    const out = path.join(dir, 'report');
    const monitored = await monitorEp({
      capture: path.join(dir, 'capture'),
      baseline,
      start: '2026-02-01T05:00Z',
      output: out,
    });
    expect(monitored.output).toMatch(
      /^Completed: Job completed successfully with no violations\./,
    );
    expect(monitored.code).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual([
      'cloudwatch_metrics.jsonl',
      'constraint_violations.json',
      'constraints.json',
      'statistics.json',
    ]);
  });

  it('exits 1 with what to fix when the job cannot run, 2 on usage errors', async () => {
    const missing = await mlmon(
      'suggest-baseline',
      '--dataset',
      path.join(dir, 'nope.csv'),
      '--output',
      dir,
    );
    expect(missing).toEqual({
      code: 1,
      output: expect.stringMatching(/Data set not found: .*nope\.csv/),
    });

    const noBaseline = await monitorEp({
      capture: dir,
      baseline: path.join(dir, 'none'),
      start: '2026-02-01T05:00Z',
      output: path.join(dir, 'o'),
    });
    expect(noBaseline.code).toBe(1);
    expect(noBaseline.output).toMatch(/Run `mlmon suggest-baseline/);

    expect((await mlmon('suggest-baseline', '--output', dir)).code).toBe(2);
    const badTime = await monitorEp({
      capture: dir,
      baseline: dir,
      start: 'yesterday',
      output: dir,
    });
    expect(badTime.code).toBe(2);
    expect(badTime.output).toMatch(/--start must be an ISO time/);
  });
});
