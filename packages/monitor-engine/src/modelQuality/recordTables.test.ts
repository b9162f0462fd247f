import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDbEngine } from '../sql/DuckDbEngine';
import { attributeAddress } from './attributeExtraction';
import { createCaptureIdTable, createCaptureTable, createGroundTruthTable } from './recordTables';

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

function captureLine(
  id: string,
  output: { data: string; encoding: string; observedContentType?: string },
  extra: Record<string, string> = {},
): string {
  return JSON.stringify({
    captureData: {
      endpointInput: { observedContentType: 'text/csv', mode: 'INPUT', data: '1,2', encoding: 'CSV' },
      endpointOutput: { mode: 'OUTPUT', ...output },
    },
    eventMetadata: { eventId: id, inferenceTime: '2026-01-01T10:00:00Z', ...extra },
    eventVersion: '0',
  });
}

const groundTruthLine = (id: string, data: string, encoding: string) =>
  JSON.stringify({ groundTruthData: { data, encoding }, eventMetadata: { eventId: id }, eventVersion: '0' });

describe('model-quality record tables', () => {
  let engine: DuckDbEngine;
  let dir: string;
  const write = (name: string, lines: string[]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  };

  beforeAll(async () => {
    engine = await DuckDbEngine.create({ memoryLimit: '256MB' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mq-tables-'));
  });
  afterAll(async () => {
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('decodes CSV, JSON and BASE64 outputs and names bad lines by file and line', async () => {
    const file = write('capture.jsonl', [
      captureLine('a', { data: '0.9,1', encoding: 'CSV', observedContentType: 'text/csv' }),
      captureLine(
        'b',
        { data: '{"score": 0.2, "label": 0}', encoding: 'JSON', observedContentType: 'application/json' },
        { inferenceId: 'inf-b' },
      ),
      captureLine('c', {
        data: base64('{"score": 0.7, "label": 1}'),
        encoding: 'BASE64',
        observedContentType: 'application/json',
      }),
      '',
      captureLine('d', { data: base64('0.4,0'), encoding: 'BASE64', observedContentType: 'text/csv' }),
      'not json',
      JSON.stringify({ captureData: {}, eventMetadata: { inferenceTime: '2026-01-01T10:00:00Z' } }),
    ]);
    await createCaptureTable(engine, 'capture_t', [file], {
      inference: attributeAddress('label'),
      probability: attributeAddress('score'),
    });
    const csv = await engine.query<Record<string, unknown>>(
      `SELECT join_id, inference, probability, line_number, problem FROM capture_t ORDER BY line_number`,
    );
    expect(csv.map(r => [r.join_id, r.line_number, r.problem])).toEqual([
      ['a', 1, null],
      ['inf-b', 2, null],
      ['c', 3, null],
      ['d', 5, null],
      [null, 6, 'invalid JSON'],
      [null, 7, 'missing eventMetadata.eventId'],
    ]);
    // Addressed by JSON path, so CSV outputs give nothing; JSON ones (plain or BASE64) do.
    expect(csv.slice(0, 4).map(r => [r.inference, r.probability])).toEqual([
      [null, null],
      ['0', '0.2'],
      ['1', '0.7'],
      [null, null],
    ]);

    await createCaptureTable(engine, 'capture_csv', [file], {
      inference: attributeAddress('1'),
      probability: attributeAddress('0'),
    });
    const byIndex = await engine.query<{ inference: string | null; probability: string | null }>(
      `SELECT inference, probability FROM capture_csv WHERE problem IS NULL ORDER BY line_number`,
    );
    expect(byIndex.map(r => [r.inference, r.probability])).toEqual([
      ['1', '0.9'],
      [null, null],
      [null, null],
      ['0', '0.4'],
    ]);

    await createCaptureIdTable(engine, 'capture_ids', [file]);
    const ids = await engine.query<{ join_id: string | null }>(`SELECT join_id FROM capture_ids`);
    expect(ids.map(r => r.join_id).sort()).toEqual(['a', 'c', 'd', 'inf-b', null, null]);
  });

  it('reads CSV, JSON and BASE64 labels and counts lines without a usable label', async () => {
    const file = write('labels.jsonl', [
      groundTruthLine('a', '1', 'CSV'),
      groundTruthLine('b', '{"label": 0}', 'JSON'),
      groundTruthLine('c', base64('{"label": 1}'), 'BASE64'),
      groundTruthLine('d', base64('2.5'), 'BASE64'),
      groundTruthLine('e', '', 'CSV'),
      groundTruthLine('f', 'x', 'CSV'),
    ]);
    await createGroundTruthTable(engine, 'labels_t', [file], { numericLabels: true });
    const rows = await engine.query<{ event_id: string; label: string | null; problem: string | null }>(
      `SELECT event_id, label, problem FROM labels_t ORDER BY line_number`,
    );
    expect(rows.map(r => [r.event_id, r.label, r.problem])).toEqual([
      ['a', '1', null],
      ['b', '0', null],
      ['c', '1', null],
      ['d', '2.5', null],
      ['e', null, 'no label in groundTruthData.data'],
      ['f', 'x', "label 'x' is not a number"],
    ]);
  });

  it('makes empty tables when there are no files', async () => {
    await createCaptureTable(engine, 'capture_empty', [], {});
    await createGroundTruthTable(engine, 'labels_empty', [], { numericLabels: false });
    const [counts] = await engine.query<{ c: number; g: number }>(
      `SELECT (SELECT count(*) FROM capture_empty) AS c, (SELECT count(*) FROM labels_empty) AS g`,
    );
    expect([Number(counts.c), Number(counts.g)]).toEqual([0, 0]);
  });
});
