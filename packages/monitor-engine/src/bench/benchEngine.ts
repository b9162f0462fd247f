import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDbEngine } from '../sql/DuckDbEngine';
import { FileObjectStore } from '../storage/FileObjectStore';
import { listCaptureObjects } from '../storage/layout';
import { simulateTraffic } from '../simulate/simulateTraffic';
import { suggestBaseline } from '../baseline/suggestBaseline';
import { runDataQualityMonitor } from '../dataQuality/runDataQualityMonitor';
import { sharedDataset } from '../testing/sharedFolder';
import { referenceScanSql } from './referenceScans';

/**
 * Benchmark of the data-quality job (`yarn bench:engine`). For 1 and 5 million captured records
 * of the housing data set (9 input features + the predicted value) it measures, each in its own
 * child process so that peaks are not shared:
 *   - the job: runDataQualityMonitor over the window (scan, decode, profile, checks, files),
 *     which reads such a window in one streamed scan (dataQuality/readWindowProfile.ts); for
 *     information, also forced through the general scan (windowPath 'general');
 *   - the reference, the payload scan: DuckDB reads the same files the way any consumer of
 *     captured data must, parsing every JSON line and extracting the request and response
 *     payloads (observedContentType, data, encoding) and eventMetadata.inferenceTime, with
 *     DuckDB's fastest reader for that (read_json with those columns given, so that nothing
 *     else is typed); it sums the payloads' lengths and counts the other fields, so that every
 *     field is really produced;
 *   - for information, three other scans (referenceScans.ts): every line as opaque text (a
 *     lower bound no consumer can reach, since it does not even parse JSON), read_json's
 *     count(*) with the schema inferred (more work than needed, so a flattering reference),
 *     and the floor of any SQL profile of the values (the payload scan, split, cast and
 *     aggregated, with none of the job's checks): what is left of the 3x for the checks, the
 *     sketch and the reports;
 * and prints wall times (the job and the payload scan each the best of three rounds run in
 * turn, see bestOfRounds), the job's ratio to each scan (same run, so less sensitive to the
 * load of a shared machine than the times), the job's peak RSS (process.resourceUsage().maxRSS
 * of the child) and the load average.
 * Targets: job within 3x the payload scan; peak memory from 1M to 5M grows no more than 1.5x.
 */

const ENDPOINT = 'bench-housing';
const START = new Date('2026-01-01T00:00:00Z');
const END = new Date('2026-01-01T01:00:00Z');
/**
 * The same DuckDB limits for the job and the scans. The job keeps one typed copy of the
 * window's values (about 20 bytes a value); beyond the limit DuckDB spills it to disk, so the
 * job's memory stays bounded whatever the window's size.
 */
const MEMORY_LIMIT = '512MB';

/**
 * Rounds of the reference scan and the job, one after the other so that both meet the same
 * load, each measure the best of its rounds: a shared machine only ever slows a run down, so the
 * fastest is the closest to what the code costs (the peak memory is the largest of the rounds).
 */
const ROUNDS = 3;

const fmt = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : `${n}`);
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const log = (line: string) => process.stdout.write(`${line}\n`);

interface RunMeasure {
  wallMs: number;
  /** CPU time of the child (all its threads): less sensitive to other loads than wall time. */
  cpuMs: number;
  maxRssMb: number;
  detail: string;
}

export async function benchMain(args: string[]): Promise<void> {
  if (args[0] === '--child') {
    const measure = await runChild(args[1], args[2]);
    process.stdout.write(`${JSON.stringify(measure)}\n`);
    return;
  }
  const sizes = args.length ? args.map(Number) : [1_000_000, 5_000_000];
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mlmon-bench-'));
  try {
    const baselineDir = path.join(work, 'baseline');
    await writeBaseline(work, baselineDir);
    const results: { size: number; job: RunMeasure; scan: RunMeasure }[] = [];
    for (const size of sizes) {
      const dir = path.join(work, `capture-${size}`);
      const t0 = Date.now();
      const simulated = await simulateTraffic({
        dataset: sharedDataset('california_housing.csv'),
        endpoint: ENDPOINT,
        output: dir,
        start: START,
        hours: 1,
        ratePerHour: size,
        label: 'median_house_value',
        seed: 7,
      });
      const bytes = directorySize(dir);
      log(
        `${fmt(size)} records: simulated ${
          simulated.captureRecords
        } records in ${simulated.captureFiles} files ` +
          `(${(bytes / 1e6).toFixed(0)} MB) in ${(
            (Date.now() - t0) /
            1000
          ).toFixed(1)} s`,
      );
      log(`  load average before the runs: ${loadAverage()}`);
      const jobArg = `${dir}${path.delimiter}${baselineDir}`;
      const { scan, job } = await bestOfRounds(dir, jobArg);
      const text = await child('scan-text', dir);
      const inferred = await child('scan-inferred', dir);
      const floors: RunMeasure[] = [];
      // One after the other, never side by side: each run has the machine to itself.
      for (let round = 0; round < ROUNDS; round++)
        floors.push(await child('scan-floor', dir));
      const floor = best(floors);
      const general = await child('job-general', jobArg);
      const ratio = (other: RunMeasure) =>
        `${(job.wallMs / other.wallMs).toFixed(2)}x`;
      log(
        `  payload scan (reference): ${secs(scan.wallMs)} (${
          scan.detail
        }), cpu ${secs(scan.cpuMs)}, peak RSS ${scan.maxRssMb} MB`,
      );
      log(
        `  for information, lines as text: ${secs(text.wallMs)} (${
          text.detail
        }); job / that: ${ratio(text)}`,
      );
      log(
        `  for information, read_json count(*) with inferred schema: ${secs(
          inferred.wallMs,
        )} (${inferred.detail}); job / that: ${ratio(inferred)}`,
      );
      log(
        `  for information, the floor of any SQL profile (payload scan, split, casts, 5 aggregates a column; no check, sample or report): ${secs(
          floor.wallMs,
        )} (${floor.detail}) = ${(floor.wallMs / scan.wallMs).toFixed(
          2,
        )}x the payload scan; job / that: ${ratio(floor)}`,
      );
      log(
        `  job:      ${secs(job.wallMs)} (${job.detail}), cpu ${secs(
          job.cpuMs,
        )}, peak RSS ${job.maxRssMb} MB`,
      );
      log(
        `  job / payload scan: ${ratio(scan)} (cpu: ${(
          job.cpuMs / scan.cpuMs
        ).toFixed(2)}x)`,
      );
      log(
        `  for information, the job by the general scan (no one-pass read): ${secs(
          general.wallMs,
        )} (${general.detail}), cpu ${secs(general.cpuMs)}, peak RSS ${
          general.maxRssMb
        } MB; job / that: ${ratio(general)} (cpu: ${(
          job.cpuMs / general.cpuMs
        ).toFixed(2)}x)`,
      );
      log(`  load average after the runs: ${loadAverage()}`);
      results.push({ size, job, scan });
      fs.rmSync(dir, { recursive: true, force: true });
    }
    let failed = false;
    for (const r of results) {
      const ratio = r.job.wallMs / r.scan.wallMs;
      const ok = ratio <= 3;
      failed ||= !ok;
      log(
        `${ok ? 'PASS' : 'FAIL'} ${fmt(r.size)}: job ${secs(
          r.job.wallMs,
        )} is ${ratio.toFixed(2)}x the payload scan ${secs(
          r.scan.wallMs,
        )} (target <= 3x)`,
      );
    }
    if (results.length >= 2) {
      const [small, large] = [results[0], results[results.length - 1]];
      const growth = large.job.maxRssMb / small.job.maxRssMb;
      const ok = growth < 1.5;
      failed ||= !ok;
      log(
        `${ok ? 'PASS' : 'FAIL'} peak memory ${fmt(small.size)} -> ${fmt(
          large.size,
        )}: ${small.job.maxRssMb} MB -> ` +
          `${large.job.maxRssMb} MB = ${growth.toFixed(2)}x (target < 1.5x)`,
      );
    }
    if (failed) process.exitCode = 1;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** The housing data set's column names and its other lines. */
function readHousing(): { columns: string[]; rows: string[] } {
  const [header, ...rows] = fs
    .readFileSync(sharedDataset('california_housing.csv'), 'utf8')
    .trim()
    .split('\n');
  return { columns: header.split(','), rows };
}

/** The number of input values of a captured request: every housing column but the label. */
const housingInputWidth = () => readHousing().columns.length - 1;

/** Baseline: the housing data set with the predicted column first (SageMaker's output START). */
async function writeBaseline(work: string, baselineDir: string) {
  const { columns, rows } = readHousing();
  const target = columns.indexOf('median_house_value');
  const reorder = (cells: string[]) =>
    [cells[target], ...cells.filter((_, i) => i !== target)].join(',');
  const csv = path.join(work, 'baseline.csv');
  fs.writeFileSync(
    csv,
    [reorder(columns), ...rows.map(r => reorder(r.split(',')))].join('\n'),
  );
  const engine = await DuckDbEngine.create();
  try {
    await suggestBaseline({
      engine,
      dataset: { path: csv, format: 'csv', header: true },
      output: { dir: baselineDir },
    });
  } finally {
    await engine.close();
  }
}

async function runChild(kind: string, arg: string): Promise<RunMeasure> {
  const engine = await DuckDbEngine.create({ memoryLimit: MEMORY_LIMIT });
  try {
    const started = Date.now();
    const cpuStart = process.cpuUsage();
    let detail: string;
    if (kind.startsWith('scan-')) {
      const store = new FileObjectStore(arg);
      const files: string[] = [];
      for await (const o of listCaptureObjects(store, {
        endpoint: ENDPOINT,
        start: START,
        end: END,
      })) {
        const local = store.localPath(o.key);
        if (local) files.push(local);
      }
      const [row] = await engine.query<Record<string, number | null>>(
        referenceScanSql(kind, files.length, housingInputWidth()),
        files,
      );
      detail = `${files.length} files, ${Object.entries(row)
        .map(([k, v]) => `${k} = ${v}`)
        .join(', ')}`;
    } else {
      const [captureDir, baselineDir] = arg.split(path.delimiter);
      const result = await runDataQualityMonitor({
        engine,
        captureStore: new FileObjectStore(captureDir),
        endpoint: ENDPOINT,
        baselineDir,
        start: START,
        end: END,
        outputDir: path.join(
          captureDir,
          '..',
          `report-${path.basename(captureDir)}-${kind}`,
        ),
        windowPath: kind === 'job-general' ? 'general' : 'auto',
      });
      detail = `${result.status}, ${result.capture?.records ?? 0} records, ${
        result.violations?.violations.length ?? 0
      } violations, read ${result.readPath ?? 'not at all'}`;
      if (result.status === 'Failed') detail += `: ${result.failureReason}`;
    }
    const wallMs = Date.now() - started;
    const cpu = process.cpuUsage(cpuStart);
    return {
      wallMs,
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      detail,
    };
  } finally {
    await engine.close();
  }
}

async function bestOfRounds(
  dir: string,
  jobArg: string,
): Promise<{ scan: RunMeasure; job: RunMeasure }> {
  const [scans, jobs]: RunMeasure[][] = [[], []];
  for (let round = 0; round < ROUNDS; round++) {
    scans.push(await child('scan-payload', dir));
    jobs.push(await child('job', jobArg));
  }
  return { scan: best(scans), job: best(jobs) };
}

function best(runs: RunMeasure[]): RunMeasure {
  const fastest = runs.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
  return {
    ...fastest,
    cpuMs: Math.min(...runs.map(r => r.cpuMs)),
    maxRssMb: Math.max(...runs.map(r => r.maxRssMb)),
    detail: `${fastest.detail}; best of ${runs.length}: ${runs
      .map(r => secs(r.wallMs))
      .join(', ')}`,
  };
}

function child(kind: string, arg: string): Promise<RunMeasure> {
  return new Promise((resolve, reject) => {
    // The bench runs from the source tree (bin/bench-engine), never from a built package.
    // eslint-disable-next-line no-restricted-syntax
    const benchScript = path.resolve(__dirname, '../../bin/bench-engine');
    const proc = spawn(process.execPath, [benchScript, '--child', kind, arg], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.on('data', chunk => (out += chunk));
    proc.on('error', reject);
    proc.on('close', code => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0)
        reject(new Error(`${kind} run exited with ${code}: ${out}`));
      else resolve(JSON.parse(last) as RunMeasure);
    });
  });
}

function loadAverage(): string {
  return os
    .loadavg()
    .map(l => l.toFixed(2))
    .join(', ');
}

function directorySize(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, {
    withFileTypes: true,
    recursive: true,
  })) {
    if (entry.isFile())
      total += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}
