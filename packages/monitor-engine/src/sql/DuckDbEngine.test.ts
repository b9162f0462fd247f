import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDbEngine } from './DuckDbEngine';

describe('DuckDbEngine', () => {
  let engine: DuckDbEngine;
  beforeAll(async () => {
    engine = await DuckDbEngine.create({ memoryLimit: '256MB' });
  });
  afterAll(() => engine.close());

  it('converts big integers, decimals and timestamps to plain JS values', async () => {
    const [row] = await engine.query<Record<string, unknown>>(
      `SELECT count(*) AS n, sum(x)::HUGEINT AS h, 12.25::DECIMAL(10,2) AS d,
              TIMESTAMP '2026-01-02 03:04:05' AS ts, [1, 2]::BIGINT[] AS l,
              {'a': 1::BIGINT} AS s, NULL AS nothing
       FROM range(10) t(x)`,
    );
    expect(row).toEqual({
      n: 10,
      h: 45,
      d: 12.25,
      ts: new Date('2026-01-02T03:04:05Z'),
      l: [1, 2],
      s: { a: 1 },
      nothing: null,
    });
  });

  it('binds positional parameters of every SqlParameter kind', async () => {
    const rows = await engine.query<{
      s: string;
      n: number;
      f: number;
      b: boolean;
      t: Date;
      z: null;
    }>('SELECT ? AS s, ? AS n, ? AS f, ? AS b, ? AS t, ? AS z', [
      "it's",
      42,
      0.5,
      true,
      new Date('2026-11-22T13:00:00Z'),
      null,
    ]);
    expect(rows).toEqual([
      {
        s: "it's",
        n: 42,
        f: 0.5,
        b: true,
        t: new Date('2026-11-22T13:00:00Z'),
        z: null,
      },
    ]);
  });

  it('applies the memory limit and works on a database file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duckdb-engine-'));
    const fileEngine = await DuckDbEngine.create({
      databasePath: path.join(dir, 'db.duckdb'),
      memoryLimit: '128MB',
      tempDirectory: dir,
      threads: 1,
    });
    try {
      const [limit] = await fileEngine.query<{ v: string }>(
        "SELECT current_setting('memory_limit') AS v",
      );
      expect(limit.v).toMatch(/MiB|MB/);
      await fileEngine.query(
        'CREATE TABLE t AS SELECT range AS x FROM range(1000)',
      );
      expect(await fileEngine.query('SELECT max(x) AS m FROM t')).toEqual([
        { m: 999 },
      ]);
    } finally {
      await fileEngine.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects with DuckDB’s message on bad SQL', async () => {
    await expect(engine.query('SELECT * FROM no_such_table')).rejects.toThrow(
      /no_such_table/,
    );
  });
});
