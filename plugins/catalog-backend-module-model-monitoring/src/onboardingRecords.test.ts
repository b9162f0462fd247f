import { openObjectStore } from '@mlmon/monitor-engine';
import { mockServices } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

  it('resolves the data root as the backend does', () => {
    const config = mockServices.rootConfig({ data: { modelMonitoring: { builtin: { dataRoot: 's3://bucket/mlmon/' } } } });
    expect(builtinDataRoot(config)).toBe('s3://bucket/mlmon');
    expect(builtinDataRoot(mockServices.rootConfig())).toMatch(/^file:\/\/.*\/\.mlmon-data$/);
  });
});
