import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDbEngine } from '../sql/DuckDbEngine';
import { FileObjectStore } from '../storage/FileObjectStore';
import { captureFileKey } from '../storage/layout';
import { formatCaptureRecord } from '../formats/captureRecord';
import { readStatistics } from '../formats/statistics';
import { readViolations } from '../formats/violations';
import { readConstraints } from '../formats/constraints';
import { sharedDataset } from '../testing/sharedFolder';
import { suggestBaseline } from '../baseline/suggestBaseline';
import { runDataQualityMonitor } from './runDataQualityMonitor';
import { METRICS_FILE_NAME } from './dataQualityMetrics';
import { mulberry32 } from '../testing/captureWindowFixtures';

const HOUR = new Date('2026-03-01T10:00:00Z');
const WINDOW = { start: HOUR, end: new Date('2026-03-01T11:00:00Z') };

describe('runDataQualityMonitor on the California housing data', () => {
  let engine: DuckDbEngine;
  let dir: string;
  let features: string[];
  let rows: string[][];
  let baselineDir: string;

  beforeAll(async () => {
    engine = await DuckDbEngine.create({ memoryLimit: '512MB' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dq-monitor-'));
    // Inputs = every column but the target; the target stands in for the model's prediction.
    const [header, ...lines] = fs
      .readFileSync(sharedDataset('california_housing.csv'), 'utf8')
      .trim()
      .split('\n');
    const columns = header.split(',');
    const target = columns.indexOf('median_house_value');
    features = columns.filter((_, i) => i !== target);
    rows = lines.map(line => line.split(','));
    const inputs = rows.map(r => r.filter((_, i) => i !== target));
    const baselineCsv = path.join(dir, 'baseline.csv');
    fs.writeFileSync(
      baselineCsv,
      [features.join(','), ...inputs.map(r => r.join(','))].join('\n'),
    );
    baselineDir = path.join(dir, 'baseline');
    await suggestBaseline({
      engine,
      dataset: { path: baselineCsv, format: 'csv', header: true },
      output: { dir: baselineDir },
    });
    rows = rows.map(r => [r[target], ...r.filter((_, i) => i !== target)]);
  });
  afterAll(async () => {
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Writes a capture store with `count` sampled rows (output first in `row`). */
  function captureStore(
    name: string,
    count: number,
    transform: (inputs: string[]) => string[],
    extraLines: string[] = [],
  ) {
    const root = path.join(dir, name);
    const store = new FileObjectStore(root);
    const random = mulberry32(42);
    const records: string[] = [];
    for (let n = 0; n < count; n++) {
      const [output, ...inputs] = rows[Math.floor(random() * rows.length)];
      records.push(
        formatCaptureRecord({
          captureData: {
            endpointInput: {
              observedContentType: 'text/csv',
              mode: 'INPUT',
              data: transform(inputs).join(','),
              encoding: 'CSV',
            },
            endpointOutput: {
              observedContentType: 'text/csv',
              mode: 'OUTPUT',
              data: output,
              encoding: 'CSV',
            },
          },
          eventMetadata: {
            eventId: `id-${n}`,
            inferenceTime: `2026-03-01T10:${String(n % 60).padStart(
              2,
              '0',
            )}:00Z`,
          },
          eventVersion: '0',
        }),
      );
    }
    const file = path.join(
      root,
      captureFileKey(
        'housing',
        'AllTraffic',
        new Date('2026-03-01T10:05:00Z'),
        'aaaa-1',
      ),
    );
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${[...records, ...extraLines].join('\n')}\n`);
    return store;
  }

  const run = (store: FileObjectStore, outputDir?: string) =>
    runDataQualityMonitor({
      engine,
      captureStore: store,
      endpoint: 'housing',
      baselineDir,
      ...WINDOW,
      outputDir,
    });

  it('does not flag drift on a window drawn from the baseline distribution', async () => {
    const outputDir = path.join(dir, 'out-same');
    const result = await run(
      captureStore('same', 3000, x => x),
      outputDir,
    );
    expect(result.status).not.toBe('Failed');
    expect(
      result.violations!.violations.filter(
        v => v.constraint_check_type === 'baseline_drift_check',
      ),
    ).toEqual([]);
    expect(result.statistics!.dataset.item_count).toBe(3000);
    expect(result.statistics!.features.map(f => f.name)).toEqual(features);

    // Every file parses with our schemas; the metrics file has SageMaker's metric names.
    const read = (f: string) =>
      fs.readFileSync(path.join(outputDir, f), 'utf8');
    expect(
      readStatistics(read('statistics.json'), 'statistics.json').features,
    ).toHaveLength(9);
    readConstraints(read('constraints.json'), 'constraints.json');
    readViolations(
      read('constraint_violations.json'),
      'constraint_violations.json',
    );
    const metrics = read(METRICS_FILE_NAME)
      .trim()
      .split('\n')
      .map(l => JSON.parse(l));
    const names = metrics.map(m => m.MetricName);
    expect(names).toEqual(
      expect.arrayContaining([
        'feature_baseline_drift_median_income',
        'feature_non_null_total_bedrooms',
        'feature_data_median_income',
        'feature_integral_housing_median_age',
        'feature_fractional_median_income',
      ]),
    );
    const drift = metrics.find(
      m => m.MetricName === 'feature_baseline_drift_median_income',
    );
    expect(drift).toMatchObject({
      Namespace: 'aws/sagemaker/Endpoints/data-metrics',
      Timestamp: '2026-03-01T11:00:00Z',
      Dimensions: [
        { Name: 'Endpoint', Value: 'housing' },
        { Name: 'MonitoringSchedule', Value: 'housing-data-quality' },
      ],
    });
    expect(drift.Value).toBeLessThan(0.1);
  });

  it('flags a shift of median_income with baseline_drift_check', async () => {
    const income = features.indexOf('median_income');
    const shifted = (inputs: string[]) =>
      inputs.map((v, i) => (i === income ? String(Number(v) * 1.6 + 1) : v));
    const result = await run(captureStore('shifted', 3000, shifted));
    expect(result.status).toBe('CompletedWithViolations');
    const drift = result.violations!.violations.filter(
      v => v.constraint_check_type === 'baseline_drift_check',
    );
    expect(drift.map(v => v.feature_name)).toEqual(['median_income']);
    expect(drift[0].description).toMatch(
      /^Baseline drift distance: 0\.\d+ exceeds threshold: 0\.1$/,
    );
  });

  it('counts malformed lines and wrong widths, and reports non-numeric values as data_type_check', async () => {
    const age = features.indexOf('housing_median_age');
    let n = 0;
    const broken = (inputs: string[]) =>
      inputs.map((v, i) => (i === age && n++ % 10 === 0 ? 'unknown' : v));
    const store = captureStore('broken', 500, broken, [
      '{"captureData": {"endpointInput": {"data": "1,2", "encoding": "CSV"}}, "eventMetadata": {"inferenceTime": "2026-03-01T10:00:00Z"}}',
      '{ this is not json',
    ]);
    const result = await run(store);
    expect(result.status).toBe('CompletedWithViolations');
    expect(result.capture).toMatchObject({
      malformedLines: 1,
      wrongColumnCount: 1,
      records: 500,
    });
    expect(result.notes.join('\n')).toMatch(
      /1 malformed capture line\(s\) skipped/,
    );
    expect(result.notes.join('\n')).toMatch(
      /\.jsonl:502: not a JSON capture record/,
    );
    const typeCheck = result.violations!.violations.find(
      v => v.constraint_check_type === 'data_type_check',
    );
    expect(typeCheck).toEqual({
      feature_name: 'housing_median_age',
      constraint_check_type: 'data_type_check',
      description:
        'Data type match requirement is not met. Expected data type: Fractional, Expected match: 100.0%. Observed: Only 90.0% of data is Fractional.',
    });
  });

  it('fails with a reason for an empty window', async () => {
    const result = await runDataQualityMonitor({
      engine,
      captureStore: new FileObjectStore(path.join(dir, 'nothing')),
      endpoint: 'housing',
      baselineDir,
      ...WINDOW,
    });
    expect(result.status).toBe('Failed');
    expect(result.failureReason).toMatch(
      /No captured data in the window 2026-03-01T10:00:00.000Z to 2026-03-01T11:00:00.000Z .* housing\/AllTraffic \(0 file\(s\), 0 line\(s\)\)/,
    );
  });

  it('fails with a reason for a missing or corrupt baseline', async () => {
    const store = captureStore('for-baseline', 10, x => x);
    const missing = await runDataQualityMonitor({
      engine,
      captureStore: store,
      endpoint: 'housing',
      baselineDir: path.join(dir, 'none'),
      ...WINDOW,
    });
    expect(missing.status).toBe('Failed');
    expect(missing.failureReason).toMatch(
      /Baseline constraints not found: .*constraints\.json\. Run `mlmon suggest-baseline/,
    );

    const corrupt = path.join(dir, 'corrupt');
    fs.mkdirSync(corrupt);
    fs.writeFileSync(
      path.join(corrupt, 'constraints.json'),
      '{"version": 0.0, "features": [{"name": 3}]}',
    );
    const bad = await runDataQualityMonitor({
      engine,
      captureStore: store,
      endpoint: 'housing',
      baselineDir: corrupt,
      ...WINDOW,
    });
    expect(bad.status).toBe('Failed');
    expect(bad.failureReason).toMatch(
      /Corrupt baseline: .*constraints\.json: field features\[0\]\.name/,
    );
  });

  it('reports missing and extra columns against the baseline', async () => {
    const fewer = await run(captureStore('fewer', 50, x => x.slice(0, 7)));
    const missing = fewer.violations!.violations.filter(
      v => v.constraint_check_type === 'missing_column_check',
    );
    // With the output first, 8 captured columns are named after the first 8 baseline features.
    expect(missing.map(v => v.feature_name)).toEqual(['ocean_proximity']);

    const more = await run(captureStore('more', 50, x => [...x, '1', '2']));
    const extra = more.violations!.violations.filter(
      v => v.constraint_check_type === 'extra_column_check',
    );
    // 12 captured columns (output + 11 inputs) against 9 baseline features.
    expect(extra.map(v => v.feature_name)).toEqual(['_c9', '_c10', '_c11']);
  });
});
