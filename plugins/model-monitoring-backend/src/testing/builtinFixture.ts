import { DuckDbEngine, simulateTraffic, suggestBaseline, openObjectStore } from '@mlmon/monitor-engine';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sharedDataset } from './sharedFolder';


/**
 * A data root for the built-in engine: a data-quality baseline from the real California housing
 * data set (features only) and hourly captured traffic simulated from it, with drift on
 * median_income from `driftFrom` on.
 */
export async function createBuiltinDataRoot(options: {
  endpoint: string;
  schedule: string;
  start: Date;
  hours: number;
  driftFrom: Date;
}): Promise<string> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mlmon-backend-'));
  const lines = fs.readFileSync(sharedDataset('california_housing.csv'), 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const label = header.indexOf('median_house_value');
  // Every 5th row: the file is sorted by region, so its head is no fair baseline.
  const sample = [lines[0], ...lines.slice(1).filter((_, i) => i % 5 === 0)];
  const features = sample.map(l => l.split(',').filter((_, i) => i !== label).join(','));
  const baselineCsv = path.join(root, 'baseline-dataset.csv');
  fs.writeFileSync(baselineCsv, `${features.join('\n')}\n`);
  const engine = await DuckDbEngine.create({ threads: 1 });
  try {
    await suggestBaseline({
      engine,
      dataset: { path: baselineCsv, format: 'csv', header: true },
      output: { dir: path.join(root, 'baselines', options.endpoint, options.schedule) },
    });
  } finally {
    await engine.close();
  }
  await simulateTraffic({
    dataset: sharedDataset('california_housing.csv'),
    endpoint: options.endpoint,
    output: openObjectStore(path.join(root, 'capture')),
    start: options.start,
    hours: options.hours,
    ratePerHour: 120,
    seed: 7,
    label: 'median_house_value',
    fileMinutes: 30,
    drift: `median_income:scale=4,from=${options.driftFrom.toISOString()}`,
  });
  return root;
}
