import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { openObjectStore, type ObjectStore } from '@mlmon/monitor-engine';
import {
  OnboardedModelEntityProvider,
  writeOnboardingRecord,
} from '@mlmon/plugin-catalog-backend-module-model-monitoring';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { onboardSageMakerEndpointAction } from './onboardSageMakerEndpointAction';
import { fakeAwsAccount } from './__testUtils__/fakeAwsAccount';

const ARN = 'arn:aws:sagemaker:eu-west-1:123456789012:endpoint/churn-xgb';
const RECORD = 'onboarding/models/sagemaker/123456789012/eu-west-1/churn-xgb.json';
const MUTATING = /\.(Create|Update|Put|Subscribe|Start|Delete|Stop)/;

const input = {
  endpointArn: ARN,
  roleArn: 'arn:aws:iam::123456789012:role/model-monitor',
  reportsS3Uri: 's3://ml-monitoring/reports',
  dataCapture: { enable: true, destinationS3Uri: 's3://ml-monitoring/capture' },
  baseline: { datasetS3Uri: 's3://ml-data/churn/train.csv', outputS3Uri: 's3://ml-monitoring/baselines/churn-xgb' },
  riskRating: 'High',
  entity: { name: 'churn-xgb', owner: 'group:default/growth', title: 'Churn (XGBoost)', system: 'retention' },
};

describe('mlmon:sagemaker:onboard with an entity', () => {
  let dir: string;
  let store: ObjectStore;
  let aws: ReturnType<typeof fakeAwsAccount>;
  let emitted: Entity[];
  let action: ReturnType<typeof onboardSageMakerEndpointAction>;

  const run = async (values: Record<string, unknown>, isDryRun = false) => {
    // createMockActionContext drops isDryRun, so it is set afterwards.
    const ctx = { ...createMockActionContext(), input: values, isDryRun };
    await action.handler(ctx as any);
    return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
  };
  const recordFiles = () => (fs.existsSync(path.join(dir, 'onboarding')) ? fs.readdirSync(path.join(dir, 'onboarding'), { recursive: true }) : []);

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlmon-sm-entity-'));
    store = openObjectStore(dir);
    aws = fakeAwsAccount();
    emitted = [];
    // The real entity provider over the same data root; the catalog holds what it emitted last.
    const provider = new OnboardedModelEntityProvider(store, { run: async () => {} }, mockServices.logger.mock());
    await provider.connect({
      applyMutation: async mutation => {
        if (mutation.type === 'full') emitted = mutation.entities.map(e => e.entity);
      },
      refresh: async () => {},
    });
    const catalog = catalogServiceMock.mock({
      getEntityByRef: async ref => {
        await provider.refresh();
        return emitted.find(e => `component:${e.metadata.namespace}/${e.metadata.name}` === ref);
      },
    });
    const config = mockServices.rootConfig({
      data: {
        aws: { accounts: [{ accountId: '123456789012', accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }] },
        modelMonitoring: { builtin: { dataRoot: dir } },
      },
    });
    action = onboardSageMakerEndpointAction({ config, catalog, pollMs: 1, entityPollMs: 5 });
  });
  afterEach(() => {
    aws.restore();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes the onboarding record, and the provider turns it into the entity with the ARN annotation', async () => {
    const output = await run(input);
    expect(output.entityRef).toBe('component:default/churn-xgb');
    expect(output.onboardingRecordUri).toBe(`${store.url}/${RECORD}`);

    const record = JSON.parse(fs.readFileSync(path.join(dir, RECORD), 'utf8'));
    expect(record).toMatchObject({ version: 1, source: 'sagemaker', endpointName: 'churn-xgb', onboardedBy: 'user:default/mock' });
    expect(emitted).toHaveLength(1);
    expect(emitted[0]).toMatchObject({
      metadata: {
        name: 'churn-xgb',
        title: 'Churn (XGBoost)',
        tags: ['ml', 'sagemaker'],
        annotations: {
          'mlmon.dev/endpoint': ARN,
          'mlmon.dev/monitoring-schedules': 'churn-xgb-data-quality',
          'mlmon.dev/risk-rating': 'High',
          'backstage.io/managed-by-location': `mlmon-onboarding:${store.url}/${RECORD}`,
        },
      },
      spec: { type: 'ml-model', lifecycle: 'production', owner: 'group:default/growth', system: 'retention' },
    });
    // The annotations on the entity are the ones the action outputs.
    expect(emitted[0].metadata.annotations).toMatchObject(output.annotations);
  });

  it('lists the bias and explainability schedules on the entity', async () => {
    await run({
      ...input,
      modelBias: {
        groundTruthS3Uri: 's3://ml-monitoring/ground-truth/churn-xgb',
        label: 'churn',
        labelValuesOrThreshold: [1],
        facet: { name: 'gender', valuesOrThreshold: ['F'] },
        probabilityAttribute: '0',
      },
      modelExplainability: { headers: ['tenure', 'gender'], shapBaseline: [[12, 'F']], modelName: 'churn-xgb-model' },
    });
    expect(emitted[0].metadata.annotations!['mlmon.dev/monitoring-schedules']).toBe(
      'churn-xgb-data-quality,churn-xgb-model-bias,churn-xgb-model-explainability',
    );
  });

  it('leaves the record as it is on a second run: no duplicate, no rewrite', async () => {
    await run(input);
    const before = { text: fs.readFileSync(path.join(dir, RECORD), 'utf8'), mtime: fs.statSync(path.join(dir, RECORD)).mtimeMs };
    const second = await run(input);
    expect(fs.readFileSync(path.join(dir, RECORD), 'utf8')).toBe(before.text);
    expect(fs.statSync(path.join(dir, RECORD)).mtimeMs).toBe(before.mtime);
    expect(recordFiles().filter(f => String(f).endsWith('.json'))).toEqual([RECORD.replace('onboarding/', '')]);
    expect(emitted.map(e => e.metadata.name)).toEqual(['churn-xgb']);
    expect(second.entityRef).toBe('component:default/churn-xgb');
  });

  it('writes nothing in a dry run but reports the entity and record', async () => {
    const output = await run(input, true);
    expect(recordFiles()).toEqual([]);
    expect(aws.calls().filter(c => MUTATING.test(c))).toEqual([]);
    expect(output.entityRef).toBe('component:default/churn-xgb');
    expect(output.onboardingRecordUri).toBe(`${store.url}/${RECORD}`);
  });

  it('keeps a built-in endpoint of the same name apart, and refuses its entity name before calling AWS', async () => {
    await writeOnboardingRecord(store, {
      version: 1,
      endpointName: 'churn-xgb',
      onboardedAt: '2026-11-22T10:00:00.000Z',
      entity: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'churn-xgb', annotations: { 'mlmon.dev/endpoint': 'churn-xgb' } },
        spec: { type: 'ml-model', lifecycle: 'production', owner: 'group:default/ml-platform' },
      },
    });
    await expect(run(input)).rejects.toThrow('entity.name: component:default/churn-xgb is already onboarded for endpoint churn-xgb; choose another name');
    expect(aws.calls()).toEqual([]);

    await run({ ...input, entity: { ...input.entity, name: 'churn-xgb-sagemaker' } });
    expect(emitted.map(e => [e.metadata.name, e.metadata.annotations!['mlmon.dev/endpoint']])).toEqual([
      ['churn-xgb', 'churn-xgb'],
      ['churn-xgb-sagemaker', ARN],
    ]);
  });

  it('refuses to move an onboarded endpoint to another entity', async () => {
    await run(input);
    const calls = aws.calls().length;
    await expect(run({ ...input, entity: { ...input.entity, name: 'other-model' } })).rejects.toThrow(
      `Endpoint ${ARN} is already onboarded for component:default/churn-xgb`,
    );
    expect(aws.calls().slice(calls)).toEqual([]);
  });

  it('says so when the entity does not appear, and that a retry is safe', async () => {
    const lost = onboardSageMakerEndpointAction({
      config: mockServices.rootConfig({
        data: {
          aws: { accounts: [{ accountId: '123456789012', accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }] },
          modelMonitoring: { builtin: { dataRoot: dir } },
        },
      }),
      catalog: catalogServiceMock(),
      pollMs: 1,
    });
    const ctx = { ...createMockActionContext(), input: { ...input, waitForEntitySeconds: 0 } };
    await expect(lost.handler(ctx as any)).rejects.toThrow(
      /component:default\/churn-xgb did not appear in the catalog in time; is the catalog module .* installed\? Retrying the task is safe/,
    );
    expect(fs.existsSync(path.join(dir, RECORD))).toBe(true);
  });

  it.each([
    [{ name: 'bad name', owner: 'group:default/growth' }, /^entity\.name: letters, digits, - _ \. \(at most 63\)/],
    [{ name: 'churn-xgb' }, /^entity\.owner: /],
    [{ name: 'churn-xgb', owner: 'group:default/growth', title: 'x'.repeat(201) }, /^entity\.title: /],
  ])('names the field of a bad entity %j and calls nothing', async (entity, message) => {
    await expect(run({ ...input, entity })).rejects.toThrow(message);
    expect(aws.calls()).toEqual([]);
    expect(recordFiles()).toEqual([]);
  });
});
