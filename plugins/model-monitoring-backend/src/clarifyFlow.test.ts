import { createServiceFactory, coreServices, type BackstageCredentials } from '@backstage/backend-plugin-api';
import { TestDatabases, mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceRef, type CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { AttributionDriftResponse, BiasDriftResponse, DriftContributorsResponse } from '@mlmon/plugin-model-monitoring-common';
import fs from 'node:fs';
import request from 'supertest';
import { modelMonitoringPlugin } from './plugin';
import { ADULT_FEATURES, createClarifyDataRoot } from './testing/clarifyFixture';

jest.setTimeout(180_000);

const OUTSIDER = 'user:default/outsider';
const BASE = '/api/model-monitoring/entities/default/component/income';
const RANGE = 'from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z';

const model: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'income', namespace: 'default', annotations: { 'mlmon.dev/endpoint': 'income' } },
  spec: { type: 'ml-model', owner: 'team-a', lifecycle: 'production' },
};
const userOf = (c: BackstageCredentials) => (c.principal as { userEntityRef?: string }).userEntityRef;

function guardedCatalog(entities: Entity[]): CatalogService {
  const inner = catalogServiceMock({ entities });
  const guarded = Object.create(inner) as CatalogService;
  guarded.getEntityByRef = async (ref, opts) => (userOf(opts.credentials) === OUTSIDER ? undefined : inner.getEntityByRef(ref, opts));
  return guarded;
}

const bias = { monitorType: 'ModelBias', scheduleExpression: 'cron(0 * ? * * *)', probabilityAttribute: '0', probabilityThresholdAttribute: 0.5, features: ADULT_FEATURES, label: { column: 'income', positiveValues: ['1'] }, biasMetrics: ['DI', 'DPPL'] };
const explain = { monitorType: 'ModelExplainability', scheduleExpression: 'cron(0 * ? * * *)', probabilityAttribute: '0', features: ADULT_FEATURES, explainer: { kind: 'linear' }, ndcgThreshold: 0.9 };

// PostgreSQL runs when a server is given (BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING).
const DATABASES = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
  ? (['SQLITE_3', 'POSTGRES_15'] as const)
  : (['SQLITE_3'] as const);
const databases = TestDatabases.create({ ids: [...DATABASES] });

describe.each(DATABASES)('Clarify monitors through the backend (%s)', databaseId => {
  let dataRoot: string;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  const as = (user = 'user:default/owner') => mockCredentials.user.header(user);

  beforeAll(async () => {
    dataRoot = await createClarifyDataRoot({
      endpoint: 'income', biasSchedule: 'income-bias', explainSchedule: 'income-explain',
      start: new Date('2026-01-01T00:00:00Z'), hours: 6, episodeFrom: new Date('2026-01-01T04:00:00Z'),
    });
    const knex = await databases.init(databaseId);
    ({ server } = await startTestBackend({
      features: [
        modelMonitoringPlugin,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            modelMonitoring: {
              builtin: {
                dataRoot,
                models: [{
                  entityRef: 'component:default/income',
                  endpointName: 'income',
                  schedules: [
                    { name: 'income-bias', ...bias, facet: { column: 'sex', values: ['Female'] } },
                    { name: 'income-explain', ...explain },
                    { name: 'income-bias-no-facet', ...bias, baselineUri: `${dataRoot}/baselines/income/income-bias`, facet: { column: 'gender', values: ['F'] } },
                    { name: 'income-bias-no-baseline', ...bias, facet: { column: 'sex', values: ['Female'] } },
                    { name: 'income-bias-no-labels', ...bias, baselineUri: `${dataRoot}/baselines/income/income-bias`, groundTruthUri: `${dataRoot}/nowhere`, facet: { column: 'sex', values: ['Female'] } },
                  ],
                }],
              },
            },
          },
        }),
        createServiceFactory({ service: catalogServiceRef, deps: {}, factory: () => guardedCatalog([model]) }),
        createServiceFactory({ service: notificationService, deps: {}, factory: () => ({ send: jest.fn() }) }),
        createServiceFactory({
          service: coreServices.permissions,
          deps: {},
          factory: () => ({ authorize: async (r: unknown[]) => r.map(() => ({ result: AuthorizeResult.ALLOW })), authorizeConditional: async () => [] }) as never,
        }),
      ],
    }));
  });
  afterAll(() => {
    if (dataRoot) fs.rmSync(dataRoot, { recursive: true, force: true });
  });

  async function backfill(scheduleName: string) {
    const started = await request(server).post(`${BASE}/runs`).set('Authorization', as())
      .send({ scheduleName, backfill: { from: '2026-01-01T00:00:00Z', to: '2026-01-01T06:00:00Z' } });
    expect(started.status).toBe(202);
    for (let i = 0; i < 600; i++) {
      const status = await request(server).get(`${BASE}/runs/${started.body.runId}`).set('Authorization', as());
      if (status.body.state === 'Completed' || status.body.state === 'Failed') return status.body;
      await new Promise(r => setTimeout(r, 200));
    }
    throw new Error('backfill did not finish');
  }

  const executions = async (schedule: string) =>
    (await request(server).get(`${BASE}/executions?schedule=${schedule}&${RANGE}`).set('Authorization', as())).body.items as Array<{ status: string; failureReason?: string; violations: string[] }>;

  it('runs bias drift from capture and late ground truth, and serves it over time', async () => {
    expect(await backfill('income-bias')).toMatchObject({ state: 'Completed', windowsDone: 6, windowsFailed: 0 });
    const items = await executions('income-bias');
    expect(items.map(e => e.status)).toEqual(['CompletedWithViolations', 'CompletedWithViolations', 'Completed', 'Completed', 'Completed', 'Completed']);
    expect(items[0].violations).toContain('DI (sex=Female)');

    const res = await request(server).get(`${BASE}/bias?${RANGE}`).set('Authorization', as());
    expect(res.status).toBe(200);
    const body = res.body as BiasDriftResponse;
    expect(body).toMatchObject({ scheduleName: 'income-bias', facet: { column: 'sex', value: 'Female', label: 'income', positiveLabel: '1' }, latestWindowEnd: '2026-01-01T06:00:00.000Z' });
    const di = body.metrics.find(m => m.metric === 'DI')!;
    expect(di).toMatchObject({ description: 'Disparate Impact (DI)', ideal: 1, baseline: 0.3, band: { lower: 0.3, upper: 1.7 }, violated: true });
    expect(di.points).toHaveLength(6);
    expect(di.points[0].value).toBeGreaterThan(0.3);
    expect(di.latest).toBeLessThan(0.3);
    expect(body.latestViolations.some(v => v.metric === 'DI' && v.facet === 'sex=Female')).toBe(true);
    expect(body.errors).toBeUndefined();

    const summary = (await request(server).get(`${BASE}/summary`).set('Authorization', as())).body;
    expect(summary.monitors.find((m: { scheduleName: string }) => m.scheduleName === 'income-bias').health).toBe('Violations');
  });

  it('runs feature-attribution drift with the linear explainer and ranks drift contributors', async () => {
    expect(await backfill('income-explain')).toMatchObject({ state: 'Completed', windowsDone: 6, windowsFailed: 0 });
    const res = await request(server).get(`${BASE}/attribution?${RANGE}`).set('Authorization', as());
    expect(res.status).toBe(200);
    const body = res.body as AttributionDriftResponse;
    expect(body).toMatchObject({ scheduleName: 'income-explain', label: 'label0', threshold: 0.9, violated: true });
    expect(body.features[0]).toMatchObject({ feature: 'hr_per_week', currentRank: 1 });
    expect(body.features[0].baselineRank).toBeGreaterThan(1);
    expect(body.ndcg).toHaveLength(6);
    expect(body.ndcg[0].value).toBeGreaterThan(0.9);
    expect(body.ndcgNow).toBeLessThan(0.9);

    const contributors = (await request(server).get(`${BASE}/drift-contributors`).set('Authorization', as())).body as DriftContributorsResponse;
    expect(contributors).toMatchObject({ basis: 'feature-attribution', weighted: true, windowEnd: '2026-01-01T06:00:00.000Z' });
    expect(contributors.items[0]).toMatchObject({ feature: 'hr_per_week', rank: 1 });
  });

  it('records bad configurations and data as Failed executions that say what is wrong', async () => {
    await backfill('income-bias-no-facet');
    expect((await executions('income-bias-no-facet'))[0].failureReason).toBe(
      `Column gender is not one of the input feature columns (${ADULT_FEATURES.join(', ')})`,
    );
    await backfill('income-bias-no-baseline');
    expect((await executions('income-bias-no-baseline'))[0].failureReason).toMatch(/^Baseline analysis.json not found: file:.*\/baselines\/income\/income-bias-no-baseline\/analysis.json$/);
    await backfill('income-bias-no-labels');
    expect((await executions('income-bias-no-labels'))[0].failureReason).toMatch(/^No ground truth for the window/);
  });

  it('answers 404 to a caller who may not read the entity, and for a schedule of another type', async () => {
    for (const route of ['bias', 'attribution', 'drift-contributors']) {
      expect((await request(server).get(`${BASE}/${route}`).set('Authorization', as(OUTSIDER))).status).toBe(404);
    }
    expect((await request(server).get(`${BASE}/bias?schedule=nope`).set('Authorization', as())).status).toBe(404);
    expect((await request(server).get(`${BASE}/bias?from=yesterday`).set('Authorization', as())).status).toBe(400);
  });
});
