import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDbEngine } from '../sql/DuckDbEngine';
import { sagemakerSample } from '../testing/sharedFolder';
import { formatCaptureRecord } from '../formats/captureRecord';
import {
  CaptureScan,
  describeScanReport,
  scanCaptureFiles,
} from './captureWindowTable';

const ALL_TIME = {
  start: new Date('2000-01-01T00:00:00Z'),
  end: new Date('2100-01-01T00:00:00Z'),
};

function record(
  input: { data: string; encoding: string; type?: string },
  output?: { data: string; encoding: string; type?: string },
  time = '2026-01-01T10:15:00Z',
) {
  return formatCaptureRecord({
    captureData: {
      endpointInput: {
        observedContentType: input.type ?? 'text/csv',
        mode: 'INPUT',
        data: input.data,
        encoding: input.encoding as 'CSV',
      },
      ...(output
        ? {
            endpointOutput: {
              observedContentType: output.type ?? 'text/csv',
              mode: 'OUTPUT',
              data: output.data,
              encoding: output.encoding as 'CSV',
            },
          }
        : {}),
    },
    eventMetadata: { eventId: 'e', inferenceTime: time },
    eventVersion: '0',
  });
}

describe('scanCaptureFiles', () => {
  let engine: DuckDbEngine;
  let dir: string;
  beforeAll(async () => {
    engine = await DuckDbEngine.create({ memoryLimit: '256MB' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'capture-scan-'));
  });
  afterAll(async () => {
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const rows = async (scan: CaptureScan) =>
    engine.query<{
      in_vals: (string | null)[];
      out_vals: (string | null)[] | null;
    }>(
      `SELECT in_vals, out_vals FROM (${scan.records.sql}) ORDER BY rid`,
      scan.records.params,
    );
  const file = (name: string, lines: string[]) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, `${lines.join('\n')}\n`);
    return { path: p, name };
  };

  it('decodes the real CSV capture files of SageMaker', async () => {
    const files = [
      'aws__amazon-sagemaker-examples/sagemaker_model_monitor/introduction/SageMaker-ModelMonitoring.ipynb.extracted/capture/capture_file_head.jsonl',
      'data-science-on-aws__data-science-on-aws/07_train/wip/debugger-monitor/02_deploy_and_monitor/datacapture/captured_data_example.jsonl',
    ];
    const intro = await scanCaptureFiles(
      engine,
      [{ path: sagemakerSample(files[0]), name: 'intro' }],
      ALL_TIME,
    );
    expect(intro.inputColumns).toBe(69);
    expect(intro.outputColumns).toBe(1);
    expect(intro.report.malformedLines).toBe(0);
    expect(intro.report.records).toBe(intro.report.lines);
    const first = (await rows(intro))[0];
    expect(first.in_vals.slice(0, 3)).toEqual(['132', '10', '182.9']);
    expect(first.out_vals).toEqual(['0.036397725343704224']);

    const dsoa = await scanCaptureFiles(
      engine,
      [{ path: sagemakerSample(files[1]), name: 'dsoa' }],
      ALL_TIME,
    );
    expect(dsoa.report.records).toBe(9);
    expect(dsoa.outputColumns).toBe(1);
  });

  it('decodes the SDK JSON capture (instances of scalars are records, like predictions)', async () => {
    const scan = await scanCaptureFiles(
      engine,
      [
        {
          path: sagemakerSample(
            'aws__sagemaker-python-sdk/tests/data/monitor/captured-data.jsonl',
          ),
          name: 'sdk',
        },
      ],
      ALL_TIME,
    );
    expect(scan.report.records).toBe(6);
    expect(scan.inputColumns).toBe(1);
    expect((await rows(scan)).slice(0, 3)).toEqual([
      { in_vals: ['1.0'], out_vals: ['3.5'] },
      { in_vals: ['2.0'], out_vals: ['4.0'] },
      { in_vals: ['5.0'], out_vals: ['5.5'] },
    ]);
  });

  it('keeps the SDK capture template whose inferenceTime is a placeholder (hour folder decides)', async () => {
    const template = sagemakerSample(
      'aws__sagemaker-python-sdk/tests/data/monitor/capture.jsonl',
    );
    const lines = fs.readFileSync(template, 'utf8').trim().split('\n').length;
    const scan = await scanCaptureFiles(
      engine,
      [{ path: template, name: 'template' }],
      ALL_TIME,
    );
    expect(scan.inputColumns).toBe(7);
    expect(scan.report).toMatchObject({
      lines,
      records: lines,
      malformedLines: 0,
    });
  });

  it('decodes multi-record CSV, JSON shapes and BASE64 payloads', async () => {
    const b64 = (text: string) => Buffer.from(text).toString('base64');
    const f = file('shapes.jsonl', [
      record(
        { data: '1,2\n3,4\r\n', encoding: 'CSV' },
        { data: '0.1\n0.2', encoding: 'CSV' },
      ),
      record(
        {
          data: '{"instances": [[5, 6], {"features": [7, 8]}]}',
          encoding: 'JSON',
          type: 'application/json',
        },
        {
          data: '{"predictions": [{"score": 0.3}, {"score": 0.4}]}',
          encoding: 'JSON',
          type: 'application/json',
        },
      ),
      record(
        {
          data: '{"features": [9, 10]}',
          encoding: 'JSON',
          type: 'application/json',
        },
        { data: '0.5', encoding: 'JSON', type: 'application/json' },
      ),
      record({
        data: '{"a": 11, "b": "x"}',
        encoding: 'JSON',
        type: 'application/json',
      }),
      record(
        { data: b64('13,14'), encoding: 'BASE64', type: 'text/csv' },
        { data: b64('[0.7]'), encoding: 'BASE64', type: 'application/json' },
      ),
    ]);
    const scan = await scanCaptureFiles(engine, [f], ALL_TIME);
    expect(await rows(scan)).toEqual([
      { in_vals: ['1', '2'], out_vals: ['0.1'] },
      { in_vals: ['3', '4'], out_vals: ['0.2'] },
      { in_vals: ['5', '6'], out_vals: ['0.3'] },
      { in_vals: ['7', '8'], out_vals: ['0.4'] },
      { in_vals: ['9', '10'], out_vals: ['0.5'] },
      { in_vals: ['11', 'x'], out_vals: null },
      { in_vals: ['13', '14'], out_vals: ['0.7'] },
    ]);
    expect(scan.report.problems).toEqual([]);
  });

  it('splits CSV payloads on commas outside quotes, undoing doubled quotes', async () => {
    const f = file('quoted.jsonl', [
      record(
        { data: '1,"a, b",3', encoding: 'CSV' },
        { data: '"x,y"', encoding: 'CSV' },
      ),
      record({ data: '"say ""hi""",,5\n"6,7",8,"9"', encoding: 'CSV' }),
      record(
        { data: '10,plain,11', encoding: 'CSV' },
        { data: '0.5', encoding: 'CSV' },
      ),
    ]);
    const scan = await scanCaptureFiles(engine, [f], ALL_TIME);
    expect(scan.inputColumns).toBe(3);
    expect(scan.report.wrongColumnCount).toBe(0);
    expect(await rows(scan)).toEqual([
      { in_vals: ['1', 'a, b', '3'], out_vals: ['x,y'] },
      { in_vals: ['say "hi"', null, '5'], out_vals: null },
      { in_vals: ['6,7', '8', '9'], out_vals: null },
      { in_vals: ['10', 'plain', '11'], out_vals: ['0.5'] },
    ]);
  });

  it('gives the window values in capture order, output first, the same as the records', async () => {
    const b64 = (text: string) => Buffer.from(text).toString('base64');
    const f = file('values.jsonl', [
      record(
        { data: '1,2', encoding: 'CSV' },
        { data: '0.1', encoding: 'CSV' },
      ),
      record(
        { data: '3,4\n5,6', encoding: 'CSV' },
        { data: '0.2\n0.3', encoding: 'CSV' },
      ),
      record(
        { data: '7,8,9', encoding: 'CSV' },
        { data: '0.4', encoding: 'CSV' },
      ),
      record(
        {
          data: '{"instances": [[10, 11]]}',
          encoding: 'JSON',
          type: 'application/json',
        },
        {
          data: '{"predictions": [{"score": 0.5}]}',
          encoding: 'JSON',
          type: 'application/json',
        },
      ),
      record(
        { data: b64('12,'), encoding: 'BASE64' },
        { data: '0.6,0.7', encoding: 'CSV' },
      ),
      record({ data: '"1,5",13', encoding: 'CSV' }),
    ]);
    const scan = await scanCaptureFiles(engine, [f], ALL_TIME);
    const values = async (withOutput: boolean) => {
      const q = scan.values(withOutput);
      return (await engine.query<{ v: string | null }>(q.sql, q.params)).map(
        r => r.v,
      );
    };
    expect(await values(false)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '10',
      '11',
      '12',
      null,
      '1,5',
      '13',
    ]);
    expect(await values(true)).toEqual([
      '0.1',
      '1',
      '2',
      '0.2',
      '3',
      '4',
      '0.3',
      '5',
      '6',
      '0.5',
      '10',
      '11',
      '0.6',
      '12',
      null,
      null,
      '1,5',
      '13',
    ]);
    const records = (await rows(scan)).flatMap(r => [
      ...(r.out_vals ?? [null]).slice(0, 1),
      ...r.in_vals,
    ]);
    expect(await values(true)).toEqual(records);
  });

  it('counts bad lines, wrong widths, bad payloads and out-of-window requests, naming file and line', async () => {
    const f = file('bad.jsonl', [
      record({ data: '1,2,3', encoding: 'CSV' }),
      '{"captureData": {"endpointInput": ',
      record({ data: '1,2', encoding: 'CSV' }),
      record({ data: 'a,,c', encoding: 'CSV' }),
      '{"eventMetadata": {"eventId": "x"}}',
      record({ data: '%%%', encoding: 'BASE64' }),
      record(
        { data: '4,5,6', encoding: 'CSV' },
        undefined,
        '1999-01-01T00:00:00Z',
      ),
      'not json at all',
    ]);
    const scan = await scanCaptureFiles(engine, [f], ALL_TIME);
    expect(scan.inputColumns).toBe(3);
    expect(scan.report).toMatchObject({
      lines: 8,
      malformedLines: 2,
      requestsWithoutInput: 1,
      undecodablePayloads: 1,
      requestsOutsideWindow: 1,
      wrongColumnCount: 1,
      records: 2,
    });
    expect(await rows(scan)).toEqual([
      { in_vals: ['1', '2', '3'], out_vals: null },
      { in_vals: ['a', null, 'c'], out_vals: null },
    ]);
    const text = describeScanReport(scan.report).join('\n');
    expect(text).toMatch(/2 malformed capture line\(s\) skipped/);
    expect(text).toMatch(/bad\.jsonl:2: not a JSON capture record/);
    expect(text).toMatch(/bad\.jsonl:8: not a JSON capture record/);
    expect(text).toMatch(
      /record with 2 input values where most records have 3/,
    );
  });

  it('returns an empty scan for a window without files', async () => {
    const scan = await scanCaptureFiles(engine, [], ALL_TIME);
    expect(scan.report.records).toBe(0);
    expect(await rows(scan)).toEqual([]);
  });
});
