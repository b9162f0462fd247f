import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileObjectStore } from './FileObjectStore';
import {
  captureFileKey,
  captureFileName,
  captureHourPrefix,
  groundTruthHourPrefix,
  hourOfKey,
  hoursOverlapping,
  listCaptureObjects,
  listGroundTruthObjects,
  reportPrefix,
} from './layout';
import { ObjectInfo, ObjectStore } from './ObjectStore';

const at = (iso: string) => new Date(iso);

describe('SageMaker key layout', () => {
  it('builds capture keys like the real SageMaker ones (reference §1.2)', () => {
    // Real: …/AllTraffic/2022/04/18/00/20-48-871-0b7bfd33-c8a7-4adf-a09a-98fd0af79974.jsonl
    expect(
      captureFileKey('DEMO-xgb-churn', 'AllTraffic', at('2022-04-18T00:20:48.871Z'),
        '0b7bfd33-c8a7-4adf-a09a-98fd0af79974'),
    ).toBe('DEMO-xgb-churn/AllTraffic/2022/04/18/00/20-48-871-0b7bfd33-c8a7-4adf-a09a-98fd0af79974.jsonl');
    expect(captureFileName(at('2026-01-02T03:04:05.006Z'), 'abc')).toBe('04-05-006-abc.jsonl');
    expect(captureHourPrefix('ep', 'AllTraffic', at('2026-12-31T23:59:59Z'))).toBe('ep/AllTraffic/2026/12/31/23/');
  });

  it('builds ground-truth and report prefixes', () => {
    expect(groundTruthHourPrefix(at('2021-05-18T00:29:10Z'))).toBe('2021/05/18/00/');
    expect(reportPrefix('ep', 'ep-schedule-2022', at('2022-04-18T01:05:00Z'))).toBe('ep/ep-schedule-2022/2022/04/18/01/');
  });

  it('rejects names that are not single SageMaker name segments', () => {
    expect(() => captureHourPrefix('../etc', 'AllTraffic', new Date())).toThrow(/Invalid endpoint name "..\/etc"/);
    expect(() => captureHourPrefix('ep', 'a/b', new Date())).toThrow(/Invalid variant name/);
    expect(() => reportPrefix('ep', '-bad', new Date())).toThrow(/Invalid monitoring schedule name/);
    expect(() => groundTruthHourPrefix(new Date('nope'))).toThrow(/Invalid date/);
  });

  it('reads the hour back from a key and rejects impossible dates', () => {
    expect(hourOfKey('ep/AllTraffic/2022/04/18/00/20-48-871-x.jsonl')).toEqual(at('2022-04-18T00:00:00Z'));
    expect(hourOfKey('2026/02/30/10/x.jsonl')).toBeUndefined();
    expect(hourOfKey('no/hour/here.jsonl')).toBeUndefined();
  });

  it('enumerates the hour folders overlapping a half-open window', () => {
    expect(hoursOverlapping({ start: at('2026-11-20T10:00:00Z'), end: at('2026-11-20T11:00:00Z') })).toEqual([
      at('2026-11-20T10:00:00Z'),
    ]);
    expect(hoursOverlapping({ start: at('2026-11-20T22:30:00Z'), end: at('2026-11-21T01:00:01Z') })).toEqual([
      at('2026-11-20T22:00:00Z'), at('2026-11-20T23:00:00Z'), at('2026-11-21T00:00:00Z'), at('2026-11-21T01:00:00Z'),
    ]);
    expect(hoursOverlapping({ start: at('2026-11-20T10:00:00Z'), end: at('2026-11-20T10:00:00Z') })).toEqual([]);
  });
});

describe('listing a window', () => {
  let root: string;
  let store: ObjectStore;
  const listed: string[] = [];

  beforeEach(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'mlmon-layout-'));
    const files = new FileObjectStore(root);
    // Counts the prefixes listed, to prove the window is listed hour by hour, not the bucket.
    listed.length = 0;
    store = Object.assign(Object.create(files), {
      list(prefix: string): AsyncIterable<ObjectInfo> {
        listed.push(prefix);
        return files.list(prefix);
      },
    });
    for (const key of [
      'ep/AllTraffic/2026/11/20/09/59-59-999-a.jsonl',
      'ep/AllTraffic/2026/11/20/10/00-00-000-b.jsonl',
      'ep/AllTraffic/2026/11/20/11/30-00-000-c.jsonl',
      'ep/AllTraffic/2026/11/20/12/00-00-000-d.jsonl',
      'ep/Other/2026/11/20/10/00-00-000-e.jsonl',
      'gt/2026/11/20/10/labels.jsonl',
      'gt/2026/11/21/10/labels.jsonl',
    ]) {
      await files.put(key, '{}\n');
    }
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  async function keys(iterable: AsyncIterable<ObjectInfo>) {
    const out: string[] = [];
    for await (const info of iterable) out.push(info.key);
    return out;
  }

  it('lists the capture files of the hour folders inside the window only', async () => {
    const window = { start: at('2026-11-20T10:00:00Z'), end: at('2026-11-20T12:00:00Z') };
    expect(await keys(listCaptureObjects(store, { endpoint: 'ep', ...window }))).toEqual([
      'ep/AllTraffic/2026/11/20/10/00-00-000-b.jsonl',
      'ep/AllTraffic/2026/11/20/11/30-00-000-c.jsonl',
    ]);
    expect(listed).toEqual(['ep/AllTraffic/2026/11/20/10/', 'ep/AllTraffic/2026/11/20/11/']);
    expect(await keys(listCaptureObjects(store, { endpoint: 'ep', variant: 'Other', ...window }))).toEqual([
      'ep/Other/2026/11/20/10/00-00-000-e.jsonl',
    ]);
  });

  it('lists ground truth by collection hour under a root prefix', async () => {
    const window = { start: at('2026-11-20T00:00:00Z'), end: at('2026-11-22T00:00:00Z') };
    expect(await keys(listGroundTruthObjects(store, { rootPrefix: 'gt', ...window }))).toEqual([
      'gt/2026/11/20/10/labels.jsonl',
      'gt/2026/11/21/10/labels.jsonl',
    ]);
    expect(listed).toHaveLength(48);
  });
});
