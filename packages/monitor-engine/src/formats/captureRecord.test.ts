import fs from 'node:fs';
import { sagemakerSample } from '../testing/sharedFolder';
import {
  captureJoinId,
  formatCaptureJsonl,
  formatCaptureRecord,
  formatInferenceTime,
  parseCaptureJsonl,
  parseCaptureLine,
  parseCaptureRecord,
} from './captureRecord';
import { RecordFormatError } from './jsonLinesRecords';

const REAL_CAPTURE_FILES = [
  'data-science-on-aws__data-science-on-aws/07_train/wip/debugger-monitor/02_deploy_and_monitor/datacapture/captured_data_example.jsonl',
  'aws__sagemaker-python-sdk/tests/data/monitor/captured-data.jsonl',
  'aws__amazon-sagemaker-examples/sagemaker_model_monitor/introduction/SageMaker-ModelMonitoring.ipynb.extracted/capture/capture_file_head.jsonl',
];

/** What `action` throws; fails the test when it returns normally. */
function errorThrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected a RecordFormatError, but nothing was thrown');
}

function lines(text: string): string[] {
  return text.split('\n').filter(line => line !== '');
}

describe('capture records: golden files written by SageMaker', () => {
  it.each(REAL_CAPTURE_FILES)('parses %s and writes every line back byte for byte', rel => {
    const file = sagemakerSample(rel);
    const text = fs.readFileSync(file, 'utf8');
    const { records, errors } = parseCaptureJsonl(text, file);
    expect(errors).toEqual([]);
    expect(records).toHaveLength(lines(text).length);
    expect(records.map(formatCaptureRecord)).toEqual(lines(text));
    expect(formatCaptureJsonl(records)).toBe(text);
  });

  it('keeps inferenceId (model-quality sample) and joins ground truth on it', () => {
    const file = sagemakerSample(
      'aws__amazon-sagemaker-examples/sagemaker_model_monitor/model_quality/model_quality_churn_sdk.ipynb.extracted/capture/capture_record_with_inferenceId.json',
    );
    const value = JSON.parse(fs.readFileSync(file, 'utf8'));
    const record = parseCaptureRecord(value, file);
    expect(record.eventMetadata.inferenceId).toBe('0');
    expect(captureJoinId(record)).toBe('0');
    // The sample was re-indented by the notebook; the S3 object is its compact form.
    expect(formatCaptureRecord(record)).toBe(JSON.stringify(value));
  });

  it('rejects the SDK template whose inferenceTime is a placeholder, naming file, line and field', () => {
    const file = sagemakerSample('aws__sagemaker-python-sdk/tests/data/monitor/capture.jsonl');
    const text = fs.readFileSync(file, 'utf8');
    expect(() => parseCaptureJsonl(text, file)).toThrow(
      `${file}:1: field eventMetadata.inferenceTime: expected a UTC time like 2022-04-18T00:21:48Z`,
    );
    const collected = parseCaptureJsonl(text, file, { onError: 'collect' });
    expect(collected.records).toHaveLength(0);
    expect(collected.errors).toHaveLength(44);
    expect(collected.errors[43].line).toBe(44);
  });
});

describe('capture records: validation', () => {
  const good =
    '{"captureData":{"endpointInput":{"observedContentType":"text/csv","mode":"INPUT","data":"1,2","encoding":"CSV"}},' +
    '"eventMetadata":{"eventId":"e1","inferenceTime":"2026-11-20T10:00:00Z"},"eventVersion":"0"}';

  it.each([
    ['invalid JSON', '{"captureData":', undefined, /invalid JSON/],
    ['a wrong encoding', good.replace('"CSV"', '"XML"'), 'captureData.endpointInput.encoding', /./],
    ['a wrong mode', good.replace('"INPUT"', '"OUTPUT"'), 'captureData.endpointInput.mode', /./],
    ['no payload at all', good.replace(/"captureData":\{.*?\}\},/, '"captureData":{},'), 'captureData', /endpointInput, endpointOutput or both/],
    ['a missing eventId', good.replace('"eventId":"e1",', ''), 'eventMetadata.eventId', /./],
    ['an impossible time', good.replace('2026-11-20T10', '2026-13-40T10'), 'eventMetadata.inferenceTime', /UTC time/],
    ['a non-string data', good.replace('"1,2"', '12'), 'captureData.endpointInput.data', /./],
  ])('reports %s with file, line and field', (_what, line, field, reason) => {
    const error = errorThrownBy(() => parseCaptureLine(line, 'capture/x.jsonl', 7));
    expect(error).toBeInstanceOf(RecordFormatError);
    const e = error as RecordFormatError;
    expect([e.file, e.line, e.field]).toEqual(['capture/x.jsonl', 7, field]);
    expect(e.message).toMatch(reason);
    expect(e.message.startsWith('capture/x.jsonl:7: ')).toBe(true);
  });

  it('collects bad lines with their numbers while keeping the good ones', () => {
    const text = `${good}\n\nnot json\n${good}\r\n`;
    const { records, errors } = parseCaptureJsonl(text, 'f.jsonl', { onError: 'collect' });
    expect(records).toHaveLength(2);
    expect(errors.map(e => e.line)).toEqual([3]);
  });

  it('writes keys in SageMaker order whatever order the record was built in, keeping unknown keys', () => {
    const record = parseCaptureLine(
      '{"eventVersion":"0","eventMetadata":{"inferenceTime":"2026-11-20T10:00:00Z","future":1,"eventId":"e"},' +
        '"captureData":{"endpointOutput":{"encoding":"JSON","data":"{}","mode":"OUTPUT","observedContentType":null}}}',
      'f',
      1,
    );
    expect(formatCaptureRecord(record)).toBe(
      '{"captureData":{"endpointOutput":{"observedContentType":null,"mode":"OUTPUT","data":"{}","encoding":"JSON"}},' +
        '"eventMetadata":{"eventId":"e","inferenceTime":"2026-11-20T10:00:00Z","future":1},"eventVersion":"0"}',
    );
  });

  it('formats inference times at second precision in UTC', () => {
    expect(formatInferenceTime(new Date('2026-11-20T10:11:12.999Z'))).toBe('2026-11-20T10:11:12Z');
  });
});
