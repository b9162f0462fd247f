import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDbEngine } from '../../sql/DuckDbEngine';
import { sharedDataset } from '../../testing/sharedFolder';
import { readTabularDatasetRows } from '../dataset/readTabularDataset';
import { BiasAnalysisConfig } from './biasAnalysisConfig';
import { biasTallyFromRows } from './biasTallyFromRows';
import { biasTallyFromSql, fileRelation, flipTestRowsFromSql } from './biasTallySql';
import { flipTest } from './flipTest';

describe('bias counts in SQL (DuckDB)', () => {
  let engine: DuckDbEngine;
  beforeAll(async () => {
    engine = await DuckDbEngine.create({ threads: 1 });
  });
  afterAll(() => engine.close());

  const adult = sharedDataset('adult_income.csv');

  it('equal the in-memory counts on Adult, with a numeric facet threshold and a group variable', async () => {
    // Label-style prediction column is not in the file; use education_num > 12 as "prediction"
    // through a threshold label to exercise numeric rules, and sex/race for facet/groups.
    const configs: BiasAnalysisConfig[] = [
      {
        facet: { column: 'sex', values: ['Female'] },
        label: { column: 'income', positiveValues: ['>50K'] },
        prediction: { column: 'income' },
        groupVariable: 'race',
      },
      {
        facet: { column: 'age', threshold: 40 },
        label: { column: 'capital_gain', threshold: 0 },
        prediction: { column: 'education_num', probabilityThreshold: 12 },
        groupVariable: 'race',
      },
    ];
    const rows = await readTabularDatasetRows(adult);
    for (const config of configs) {
      const fromSql = await biasTallyFromSql({ engine, relation: fileRelation(adult, 'csv') }, config);
      const fromRows = biasTallyFromRows(rows, config).tally;
      const sortGroups = (t: typeof fromSql) => ({
        ...t,
        counts: { ...t.counts, groups: [...(t.counts.groups ?? [])].sort((a, b) => a.group.localeCompare(b.group)) },
      });
      expect(sortGroups(fromSql)).toEqual(sortGroups(fromRows));
      expect(fromSql.rowsUsed).toBe(30162);
    }
  });

  it('counts unusable rows instead of dropping them, and reads Flip Test rows', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bias-'));
    const file = path.join(tmp, 'w.jsonl');
    fs.writeFileSync(
      file,
      [
        { sex: 'F', y: 1, p: 0.9, x: 1 },
        { sex: 'M', y: 0, p: 0.2, x: 2 },
        { sex: null, y: 1, p: 0.9, x: 3 },
        { sex: 'M', y: 1, p: 'n/a', x: 4 },
        { sex: 'F', y: 0, p: 0.7, x: 5 },
        { sex: 'M', y: 1, p: 0.6, x: 6 },
      ].map(r => JSON.stringify(r)).join('\n'),
    );
    const config: BiasAnalysisConfig = {
      facet: { column: 'sex', values: ['F'] },
      label: { column: 'y', positiveValues: [1] },
      prediction: { column: 'p', probabilityThreshold: 0.5 },
      featureColumns: ['x'],
    };
    const source = { engine, relation: fileRelation(file, 'jsonl') };
    const tally = await biasTallyFromSql(source, config);
    expect(tally.rowsSkipped).toEqual({ facet: 1, label: 0, prediction: 1, groupVariable: 0 });
    expect(tally.counts.confusion).toEqual({
      advantaged: { truePositive: 1, falsePositive: 0, falseNegative: 0, trueNegative: 1 },
      disadvantaged: { truePositive: 1, falsePositive: 1, falseNegative: 0, trueNegative: 0 },
    });
    const ft = await flipTestRowsFromSql(source, config, 100);
    expect(ft.rows).toHaveLength(4);
    expect(flipTest({ rows: ft.rows! }).value).toBe(0.5); // k = 1: F@1 → M@2 (neg): +1; F@5 → M@6 (pos): 0
    expect((await flipTestRowsFromSql(source, config, 3)).tooMany).toBe(4);
    fs.rmSync(tmp, { recursive: true, force: true });
  });
});
