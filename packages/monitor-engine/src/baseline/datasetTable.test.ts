import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDbEngine } from '../sql/DuckDbEngine';
import { DatasetError, loadDataset } from './datasetTable';
import { suggestBaseline } from './suggestBaseline';

describe('baseline data sets', () => {
  let engine: DuckDbEngine;
  let dir: string;
  beforeAll(async () => {
    engine = await DuckDbEngine.create({ memoryLimit: '256MB' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dataset-'));
  });
  afterAll(async () => {
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };

  it('reads JSON Lines with keys in order of appearance, nested values as text', async () => {
    const file = write(
      'data.jsonl',
      '{"age": 31, "city": "Paris", "weird \\"key\\"": 1.5}\n\n{"age": 40, "extra": [1, 2], "city": null}\n',
    );
    const result = await suggestBaseline({
      engine,
      dataset: { path: file, format: 'jsonl' },
    });
    const s = result.statistics;
    expect(s.dataset.item_count).toBe(2);
    expect(s.features.map(f => [f.name, f.inferred_type])).toEqual([
      ['age', 'Integral'],
      ['city', 'String'],
      ['weird "key"', 'Fractional'],
      ['extra', 'String'],
    ]);
    expect(s.features[1].string_statistics?.common).toEqual({
      num_present: 1,
      num_missing: 1,
    });
    expect(
      s.features[1].string_statistics?.distribution?.categorical?.buckets,
    ).toEqual([{ value: 'Paris', count: 1 }]);
    expect(result.constraints.features[1].completeness).toBe(0.5);
  });

  it('names a line that is not a JSON object', async () => {
    const file = write('bad.jsonl', '{"a": 1}\n{"a": \n');
    await expect(
      loadDataset(engine, { path: file, format: 'jsonl' }, 't_bad'),
    ).rejects.toThrow(
      /bad\.jsonl: 1 line\(s\) are not JSON objects, first at line 2/,
    );
  });

  it('turns one stray text value into a String column and short rows into missing values', async () => {
    const file = write('mixed.csv', 'x,y\n1,2.5\n2,abc\n3\n');
    const { statistics, constraints } = await suggestBaseline({
      engine,
      dataset: { path: file, format: 'csv', header: true },
    });
    expect(statistics.features.map(f => f.inferred_type)).toEqual([
      'Integral',
      'String',
    ]);
    expect(statistics.features[1].string_statistics?.common).toEqual({
      num_present: 2,
      num_missing: 1,
    });
    expect(constraints.features[1].completeness).toBeCloseTo(2 / 3);
  });

  it('explains a missing or empty data set', async () => {
    await expect(
      loadDataset(
        engine,
        { path: path.join(dir, 'nope.csv'), format: 'csv' },
        't_none',
      ),
    ).rejects.toThrow(DatasetError);
    const empty = write('empty.csv', '');
    await expect(
      loadDataset(engine, { path: empty, format: 'csv' }, 't_empty'),
    ).rejects.toThrow(/empty/);
  });
});
