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

const ARN = 'arn:aws:sagemaker:eu-west-1:123456789012:endpoint/churn-xgb';

/** The record the SageMaker onboarding action writes: the ARN in the annotation. */
function sageMakerRecord(entityName: string, arn = ARN): OnboardingRecord {
  const base = record(arn.split('/').pop()!);
  return {
    ...base,
    source: 'sagemaker',
    entity: {
      ...base.entity,
      metadata: { name: entityName, annotations: { 'mlmon.dev/endpoint': arn, 'mlmon.dev/monitoring-schedules': 'churn-xgb-data-quality' } },
    },
  };
}

describe('OnboardedModelEntityProvider', () => {
  let dir: string;
  let mutations: EntityProviderMutation[];
  let runs: Array<() => Promise<void>>;
  let provider: OnboardedModelEntityProvider;
  let logger: ReturnType<typeof mockServices.logger.mock>;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlmon-provider-'));
    logger = mockServices.logger.mock();
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

  it('emits the entity of a SageMaker record with its ARN annotation', async () => {
    const store = openObjectStore(dir);
    await writeOnboardingRecord(store, sageMakerRecord('churn-xgb'));
    expect(await provider.refresh()).toBe(1);
    const [emitted] = (mutations.at(-1) as { entities: DeferredEntity[] }).entities;
    const location = `mlmon-onboarding:${store.url}/onboarding/models/sagemaker/123456789012/eu-west-1/churn-xgb.json`;
    expect(emitted.locationKey).toBe(location);
    expect(emitted.entity).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'churn-xgb',
        namespace: 'default',
        annotations: {
          'mlmon.dev/endpoint': ARN,
          'mlmon.dev/monitoring-schedules': 'churn-xgb-data-quality',
          'backstage.io/managed-by-location': location,
          'backstage.io/managed-by-origin-location': location,
        },
      },
      spec: { type: 'ml-model', lifecycle: 'experimental', owner: 'group:default/ml-platform' },
    });
  });

  it('keeps a built-in endpoint and SageMaker endpoints of the same name apart', async () => {
    const store = openObjectStore(dir);
    await writeOnboardingRecord(store, record('churn-xgb'));
    await writeOnboardingRecord(store, sageMakerRecord('churn-xgb-eu'));
    await writeOnboardingRecord(store, sageMakerRecord('churn-xgb-us', 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn-xgb'));
    expect(await provider.refresh()).toBe(3);
    const entities = (mutations.at(-1) as { entities: DeferredEntity[] }).entities;
    expect(entities.map(e => [e.entity.metadata.name, e.entity.metadata.annotations!['mlmon.dev/endpoint']])).toEqual([
      ['churn-xgb', 'churn-xgb'],
      ['churn-xgb-eu', ARN],
      ['churn-xgb-us', 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn-xgb'],
    ]);
    expect(new Set(entities.map(e => e.locationKey)).size).toBe(3);
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('refuses a second record for the same entity and a record stored under another key, naming them', async () => {
    const store = openObjectStore(dir);
    // A SageMaker endpoint onboarded first, then a built-in endpoint under the same entity name:
    // the first keeps the entity although the built-in record's key sorts first.
    await writeOnboardingRecord(store, sageMakerRecord('churn-xgb'));
    await writeOnboardingRecord(store, { ...record('churn-xgb'), onboardedAt: '2026-11-23T08:00:00.000Z' });
    // A SageMaker record copied to a built-in endpoint's key.
    await store.put(onboardingRecordKey('copied'), JSON.stringify(sageMakerRecord('copied')));
    expect(await provider.refresh()).toBe(1);
    const [kept] = (mutations.at(-1) as { entities: DeferredEntity[] }).entities;
    expect(kept.entity.metadata.annotations!['mlmon.dev/endpoint']).toBe(ARN);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringMatching(
      /copied\.json: field entity\.metadata\.annotations\.mlmon\.dev\/endpoint: the record of this endpoint belongs at onboarding\/models\/sagemaker\/123456789012\/eu-west-1\/churn-xgb\.json$/,
    ));
    expect(logger.warn).toHaveBeenCalledWith(expect.stringMatching(
      /\/onboarding\/models\/churn-xgb\.json: field entity\.metadata\.name: component:default\/churn-xgb is onboarded already by .*\/onboarding\/models\/sagemaker\/123456789012\/eu-west-1\/churn-xgb\.json$/,
    ));
  });
});
