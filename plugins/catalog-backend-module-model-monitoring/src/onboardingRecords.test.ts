import { openObjectStore } from '@mlmon/monitor-engine';
import { mockServices } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { onboardingRecordKey } from './onboardingRecordKeys';
import { builtinDataRoot, parseOnboardingRecord, readOnboardingRecord, writeOnboardingRecord } from './onboardingRecords';

const valid = {
  version: 1,
  endpointName: 'churn-xgb',
  onboardedAt: '2026-11-22T10:00:00Z',
  entity: {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'churn-xgb', annotations: { 'mlmon.dev/endpoint': 'churn-xgb' } },
    spec: { type: 'ml-model', lifecycle: 'production', owner: 'team-a' },
  },
};

const ARN = 'arn:aws:sagemaker:eu-west-1:123456789012:endpoint/churn-xgb';
const sagemaker = {
  ...valid,
  source: 'sagemaker',
  entity: { ...valid.entity, metadata: { name: 'churn-xgb-sm', annotations: { 'mlmon.dev/endpoint': ARN } } },
};

describe('onboarding records', () => {
  it('round-trips a record through the store', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlmon-records-'));
    try {
      const store = openObjectStore(dir);
      expect(await readOnboardingRecord(store, 'churn-xgb')).toBeUndefined();
      const location = await writeOnboardingRecord(store, valid as never);
      expect(location).toBe(`${store.url}/onboarding/models/churn-xgb.json`);
      expect(await readOnboardingRecord(store, 'churn-xgb')).toEqual(valid);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the location and the field of what is wrong', () => {
    expect(() => parseOnboardingRecord('{', 'x.json')).toThrow(/^x\.json: not JSON/);
    expect(() => parseOnboardingRecord(JSON.stringify({ ...valid, endpointName: 'bad name' }), 'x.json')).toThrow(
      'x.json: field endpointName: letters, digits and hyphens, at most 63',
    );
    const other = { ...valid, endpointName: 'other' };
    expect(() => parseOnboardingRecord(JSON.stringify(other), 'x.json')).toThrow(/annotations\.mlmon\.dev\/endpoint: must be other/);
  });

  it('keys SageMaker records by account, region and name, apart from built-in endpoints', () => {
    expect(onboardingRecordKey('churn-xgb')).toBe('onboarding/models/churn-xgb.json');
    expect(onboardingRecordKey(ARN)).toBe('onboarding/models/sagemaker/123456789012/eu-west-1/churn-xgb.json');
    expect(onboardingRecordKey('arn:aws-cn:sagemaker:cn-north-1:123456789012:endpoint/churn-xgb')).toBe(
      'onboarding/models/sagemaker/123456789012/cn-north-1/churn-xgb.json',
    );
    expect(() => onboardingRecordKey('../etc/passwd')).toThrow(/Invalid endpoint "\.\.\/etc\/passwd"/);
    expect(() => onboardingRecordKey('arn:aws:sagemaker:eu-west-1:123:endpoint/x')).toThrow(/neither a built-in endpoint name nor a SageMaker endpoint ARN/);
  });

  it('round-trips a SageMaker record, read back by its ARN', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlmon-records-'));
    try {
      const store = openObjectStore(dir);
      const location = await writeOnboardingRecord(store, sagemaker as never);
      expect(location).toBe(`${store.url}/onboarding/models/sagemaker/123456789012/eu-west-1/churn-xgb.json`);
      expect(await readOnboardingRecord(store, ARN)).toEqual(sagemaker);
      // The built-in endpoint of the same name has no record.
      expect(await readOnboardingRecord(store, 'churn-xgb')).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the field of a bad SageMaker record', () => {
    const withAnnotation = (endpoint: string) =>
      JSON.stringify({ ...sagemaker, entity: { ...sagemaker.entity, metadata: { name: 'm', annotations: { 'mlmon.dev/endpoint': endpoint } } } });
    expect(() => parseOnboardingRecord(withAnnotation('churn-xgb'), 'x.json')).toThrow(
      'x.json: field entity.metadata.annotations.mlmon.dev/endpoint: must be a SageMaker endpoint ARN (arn:aws:sagemaker:REGION:ACCOUNT:endpoint/churn-xgb)',
    );
    expect(() => parseOnboardingRecord(withAnnotation('arn:aws:sagemaker:eu-west-1:123456789012:endpoint/other'), 'x.json')).toThrow(
      'x.json: field entity.metadata.annotations.mlmon.dev/endpoint: must be the ARN of endpoint churn-xgb, not of other',
    );
    expect(() => parseOnboardingRecord(JSON.stringify({ ...sagemaker, source: 'vertex' }), 'x.json')).toThrow(/^x\.json: field source: /);
    // An ARN in a record without source stays refused, as before: it is a built-in record.
    expect(() => parseOnboardingRecord(JSON.stringify({ ...sagemaker, source: undefined }), 'x.json')).toThrow(
      /annotations\.mlmon\.dev\/endpoint: must be churn-xgb$/,
    );
  });

  it('resolves the data root as the backend does', () => {
    const config = mockServices.rootConfig({ data: { modelMonitoring: { builtin: { dataRoot: 's3://bucket/mlmon/' } } } });
    expect(builtinDataRoot(config)).toBe('s3://bucket/mlmon');
    expect(builtinDataRoot(mockServices.rootConfig())).toMatch(/^file:\/\/.*\/\.mlmon-data$/);
  });
});
