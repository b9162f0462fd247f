import { sharedDataset } from '../testing/sharedFolder';
import { startTestS3Server, TestS3Server } from '../storage/testS3Server';
import { S3ObjectStore } from '../storage/S3ObjectStore';
import { listCaptureObjects, listGroundTruthObjects } from '../storage/layout';
import { parseCaptureJsonl } from '../formats/captureRecord';
import { parseGroundTruthJsonl } from '../formats/groundTruthRecord';
import { simulateTraffic } from './simulateTraffic';

describe('simulateTraffic to S3 (s3rver on 127.0.0.1)', () => {
  let s3: TestS3Server;
  beforeAll(async () => {
    s3 = await startTestS3Server(['monitoring']);
  });
  afterAll(() => s3.stop());

  it('writes capture and ground truth that the window listing finds again', async () => {
    const output = new S3ObjectStore('s3://monitoring/datacapture', { client: s3.client() });
    const groundTruth = new S3ObjectStore('s3://monitoring/ground-truth', { client: s3.client() });
    const result = await simulateTraffic({
      dataset: sharedDataset('adult_income.csv'), endpoint: 'adult', output, groundTruth, label: 'income',
      start: new Date('2026-11-20T00:00:00Z'), hours: 2, ratePerHour: 50, fileMinutes: 15, labelDelayMs: 3_600_000,
    });
    expect(result).toMatchObject({ captureRecords: 100, captureFiles: 8, groundTruthRecords: 100 });

    let records = 0;
    for await (const info of listCaptureObjects(output, {
      endpoint: 'adult', start: new Date('2026-11-20T01:00:00Z'), end: new Date('2026-11-20T02:00:00Z'),
    })) {
      expect(info.key).toMatch(/^adult\/AllTraffic\/2026\/11\/20\/01\//);
      records += parseCaptureJsonl((await output.get(info.key)).toString(), info.key).records.length;
    }
    expect(records).toBe(50);

    let labels = 0;
    for await (const info of listGroundTruthObjects(groundTruth, {
      start: new Date('2026-11-20T01:00:00Z'), end: new Date('2026-11-20T03:00:00Z'),
    })) {
      labels += parseGroundTruthJsonl((await groundTruth.get(info.key)).toString(), info.key).records.length;
    }
    expect(labels).toBe(100);
  });
});
