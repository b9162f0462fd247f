import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDbEngine } from '../sql/DuckDbEngine';
import { captureLine } from '../testing/captureWindowFixtures';
import type { FirstRequestShape } from './regularWindowSql';
import {
  ValuePlace,
  sampledRowsSql,
  streamedColumns,
  streamedWindowSql,
} from './streamedWindowSql';

/**
 * The streamed aggregate's SQL on real DuckDB: a text column counted by its known values keeps
 * the aggregate a plain one (one state per thread; a histogram makes DuckDB aggregate the whole
 * row in a hash table), and the sample kept as text reads back to the requests' numbers.
 */
describe('the streamed aggregate of a capture window', () => {
  let engine: DuckDbEngine;
  let dir: string;
  let file: string;
  const window = {
    start: new Date('2026-03-01T10:00:00Z'),
    end: new Date('2026-03-01T11:00:00Z'),
  };
  // prediction (output), rooms, ocean
  const rows = [
    ['101.5', '3', 'INLAND'],
    ['99.25', '4', 'NEAR BAY'],
    ['120.0', '', 'INLAND'],
    ['87.75', '2', 'ISLAND'],
  ];
  const first: FirstRequestShape = {
    w: 2,
    ow: 1,
    ict: 'text/csv',
    ienc: 'CSV',
    oct: 'text/csv; charset=utf-8',
    oenc: 'CSV',
    csv_in: true,
    csv_out: true,
    in_codes: [1, 3],
    out_codes: [2],
  };
  const places = (values?: string[]): ValuePlace[] => [
    { kind: 'number', cell: 'o.data', form: 'fractional' },
    { kind: 'number', cell: 'split[1]', form: 'integral' },
    { kind: 'text', cell: 'split[2]', ...(values ? { values } : {}) },
  ];
  const query = (read: ValuePlace[], paths = [file]) =>
    streamedWindowSql({
      first,
      paths,
      window,
      places: read,
      inputPlaces: read.slice(1),
      outputPlaces: read.slice(0, 1),
      keep: 'all',
    });

  beforeAll(async () => {
    engine = await DuckDbEngine.create();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'streamed-sql-'));
    file = path.join(dir, 'capture.jsonl');
    fs.writeFileSync(
      file,
      `${rows.map((r, n) => captureLine(r, n)).join('\n')}\n`,
    );
  });
  afterAll(async () => {
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function plan(read: ValuePlace[]) {
    const { sql, params } = query(read);
    const explained = await engine.query<Record<string, string>>(
      `EXPLAIN ${sql}`,
      params,
    );
    return explained.map(r => Object.values(r).join('\n')).join('\n');
  }

  it('counts a text by its known values in a plain aggregate, and all values in a hash table', async () => {
    const counted = await plan(places(['INLAND', 'NEAR BAY', "O'HARA"]));
    expect(counted).toContain('UNGROUPED_AGGREGATE');
    expect(counted).not.toContain('HASH_GROUP_BY');
    expect(await plan(places())).toContain('HASH_GROUP_BY');

    const { sql, params } = query(places(['INLAND', 'NEAR BAY', "O'HARA"]));
    const [row] = await engine.query<Record<string, unknown>>(sql, params);
    const ocean = streamedColumns(2);
    // Values are bound, never written into the text: a quote in one is only a value.
    expect(Number(row[ocean.present])).toBe(4);
    expect([0, 1, 2].map(m => Number(row[ocean.valueCount(m)]))).toEqual([
      2, 1, 0,
    ]);
    // ISLAND is present but none of the known values: the caller reads again by histogram.
    expect(Number(row.n)).toBe(4);
    expect(Number(row.irregular)).toBe(0);
  });

  it('checks both payloads of a request in one match', async () => {
    const irregularIn = async (output: string, input?: string) => {
      const other = path.join(dir, 'one-request.jsonl');
      fs.writeFileSync(
        other,
        `${captureLine([output, '5', 'INLAND'], 0, input)}\n`,
      );
      const { sql, params } = query(places(['INLAND']), [other]);
      const [row] = await engine.query<Record<string, unknown>>(sql, params);
      return Number(row.irregular);
    };
    expect(await irregularIn('101.5')).toBe(0);
    // An output of another width, a text for the number, a line break; the input's width.
    expect(await irregularIn('101.5,2')).toBe(1);
    expect(await irregularIn('many')).toBe(1);
    expect(await irregularIn('101.5\n3')).toBe(1);
    expect(await irregularIn('101.5', '5,INLAND,x')).toBe(1);
    // A number in another form than the first request's is still regular.
    expect(await irregularIn('101')).toBe(0);
  });

  it('leaves a last text of known values out of the match, and checks it when its values are all counted', async () => {
    const other = path.join(dir, 'quoted-text.jsonl');
    fs.writeFileSync(
      other,
      `${captureLine(['101.5', '5', 'IN"LAND'], 0)}\n${captureLine(
        ['99.5', '4', 'INLAND'],
        1,
      )}\n`,
    );
    const read = async (values?: string[]) => {
      const { sql, params } = query(places(values), [other]);
      const [row] = await engine.query<Record<string, unknown>>(sql, params);
      return row;
    };
    // Counted by its known values, the quoted text is not matched: it is one the baseline does
    // not know (present 2, INLAND 1), so the caller reads the window again, counting all values.
    const counted = await read(['INLAND']);
    const ocean = streamedColumns(2);
    expect(Number(counted.irregular)).toBe(0);
    expect(Number(counted[ocean.present])).toBe(2);
    expect(Number(counted[ocean.valueCount(0)])).toBe(1);
    // That second read matches every text: a quote makes the request irregular.
    expect(Number((await read()).irregular)).toBe(1);
  });

  it("reads the sample kept as text back to every request's numbers", async () => {
    const read = places(['INLAND', 'NEAR BAY', 'ISLAND']);
    const { sql, params } = query(read);
    await engine.query(`CREATE OR REPLACE TEMP TABLE agg AS ${sql}`, params);
    const sampled = await engine.query<{ d0: number; d1: number | null }>(
      `${sampledRowsSql('agg', read, 1)} ORDER BY d0`,
    );
    expect(sampled.map(r => [r.d0, r.d1])).toEqual(
      rows
        .map(r => [Number(r[0]), r[1] === '' ? null : Number(r[1])])
        .sort((a, b) => Number(a[0]) - Number(b[0])),
    );
  });
});
