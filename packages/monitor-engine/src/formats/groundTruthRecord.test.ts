import fs from 'node:fs';
import { sagemakerSample } from '../testing/sharedFolder';
import {
  formatGroundTruthRecord,
  parseGroundTruthJsonl,
  parseGroundTruthLine,
} from './groundTruthRecord';
import { RecordFormatError } from './jsonLinesRecords';

describe('ground-truth records', () => {
  it('parses the SDK actuals.jsonl and writes every line back byte for byte', () => {
    const file = sagemakerSample('aws__sagemaker-python-sdk/tests/data/monitor/actuals.jsonl');
    const text = fs.readFileSync(file, 'utf8');
    const { records, errors } = parseGroundTruthJsonl(text, file);
    expect(errors).toEqual([]);
    expect(records).toHaveLength(44);
    expect(records[0].eventMetadata.eventId).toBe('74b0dd56-e7c8-368e-94b1-14a138a96000');
    expect(records.map(formatGroundTruthRecord).join('\n')).toBe(text);
  });

  it('writes the documented example exactly (reference §1.4)', () => {
    const line = '{"groundTruthData":{"data":"1","encoding":"CSV"},"eventMetadata":{"eventId":"aaaa-bbbb-cccc"},"eventVersion":"0"}';
    expect(formatGroundTruthRecord(parseGroundTruthLine(line, 'f', 1))).toBe(line);
    expect(
      formatGroundTruthRecord({
        eventVersion: '0',
        eventMetadata: { eventId: 'x' },
        groundTruthData: { encoding: 'JSON', data: '{"instances":[{"label":0}]}' },
      }),
    ).toBe(
      '{"groundTruthData":{"data":"{\\"instances\\":[{\\"label\\":0}]}","encoding":"JSON"},"eventMetadata":{"eventId":"x"},"eventVersion":"0"}',
    );
  });

  it('names file, line and field of a bad record', () => {
    const text = '{"groundTruthData":{"data":"1","encoding":"CSV"},"eventMetadata":{"eventId":"a"},"eventVersion":"0"}\n' +
      '{"groundTruthData":{"data":1,"encoding":"CSV"},"eventMetadata":{"eventId":"b"},"eventVersion":"0"}\n';
    expect(() => parseGroundTruthJsonl(text, 'gt/2026/11/20/10/x.jsonl')).toThrow(
      /^gt\/2026\/11\/20\/10\/x.jsonl:2: field groundTruthData.data: /,
    );
    const { records, errors } = parseGroundTruthJsonl(`${text}{"eventVersion":"0"}`, 'g', { onError: 'collect' });
    expect(records).toHaveLength(1);
    expect(errors.map(e => [e.line, e.field])).toEqual([[2, 'groundTruthData.data'], [3, 'groundTruthData']]);
    expect(errors[0]).toBeInstanceOf(RecordFormatError);
  });
});
