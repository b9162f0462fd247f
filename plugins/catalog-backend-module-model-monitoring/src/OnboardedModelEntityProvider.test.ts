import { mockServices } from '@backstage/backend-test-utils';
import type { DeferredEntity, EntityProviderConnection, EntityProviderMutation } from '@backstage/plugin-catalog-node';
import { openObjectStore } from '@mlmon/monitor-engine';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OnboardedModelEntityProvider } from './OnboardedModelEntityProvider';
import { onboardingRecordKey, writeOnboardingRecord, type OnboardingRecord } from './onboardingRecords';

function record(endpointName: string): OnboardingRecord {
  return {
    version: 1,
    endpointName,
    onboardedAt: '2026-11-22T10:00:00.000Z',
    onboardedBy: 'user:default/guest',
    entity: {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: endpointName,
        title: 'Churn model',
        annotations: { 'mlmon.dev/endpoint': endpointName, 'mlmon.dev/monitoring-schedules': `${endpointName}-data-quality` },
      },
      spec: { type: 'ml-model', lifecycle: 'experimental', owner: 'group:default/ml-platform' },
    },
  };
}

describe('OnboardedModelEntityProvider', () => {
  let dir: string;
  let mutations: EntityProviderMutation[];
  let runs: Array<() => Promise<void>>;
  let provider: OnboardedModelEntityProvider;
  const logger = mockServices.logger.mock();

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlmon-provider-'));
    mutations = [];
    runs = [];
    provider = new OnboardedModelEntityProvider(
      openObjectStore(dir),
      { run: async task => { runs.push(task.fn as () => Promise<void>); } },
      logger,
    );
    const connection: EntityProviderConnection = {
      applyMutation: async m => { mutations.push(m); },
      refresh: async () => {},
    };
    await provider.connect(connection);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('emits one entity per onboarded model, with its location annotations', async () => {
    const store = openObjectStore(dir);
    await writeOnboardingRecord(store, record('churn-xgb'));
    await writeOnboardingRecord(store, record('fraud-lgbm'));
    await runs[0]();
    expect(mutations).toHaveLength(1);
    const mutation = mutations[0] as { type: 'full'; entities: DeferredEntity[] };
    expect(mutation.type).toBe('full');
    expect(mutation.entities.map(e => e.entity.metadata.name)).toEqual(['churn-xgb', 'fraud-lgbm']);
    const churn = mutation.entities[0];
    expect(churn.entity.metadata.namespace).toBe('default');
    expect(churn.entity.metadata.annotations).toMatchObject({
      'mlmon.dev/endpoint': 'churn-xgb',
      'backstage.io/managed-by-location': `mlmon-onboarding:${store.url}/onboarding/models/churn-xgb.json`,
    });
    expect(churn.locationKey).toBe(`mlmon-onboarding:${store.url}/onboarding/models/churn-xgb.json`);
  });

  it('skips a malformed record with a warning naming the file and field, and keeps the others', async () => {
    const store = openObjectStore(dir);
    await writeOnboardingRecord(store, record('churn-xgb'));
    const bad = { ...record('broken'), entity: { ...record('broken').entity, spec: { type: 'ml-model', lifecycle: 'x' } } };
    await store.put(onboardingRecordKey('broken'), JSON.stringify(bad));
    expect(await provider.refresh()).toBe(1);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringMatching(/broken\.json: field entity\.spec\.owner/));
  });

  it('removes the entity when its record is removed (full mutation)', async () => {
    const store = openObjectStore(dir);
    await writeOnboardingRecord(store, record('churn-xgb'));
    expect(await provider.refresh()).toBe(1);
    await store.delete(onboardingRecordKey('churn-xgb'));
    expect(await provider.refresh()).toBe(0);
    expect(mutations.at(-1)).toEqual({ type: 'full', entities: [] });
  });
});
