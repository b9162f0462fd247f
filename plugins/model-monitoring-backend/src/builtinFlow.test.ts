import {
  createServiceFactory,
  coreServices,
  type BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceRef, type CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import fs from 'node:fs';
import request from 'supertest';
import { modelMonitoringPlugin } from './plugin';
import { createBuiltinDataRoot } from './testing/builtinFixture';

jest.setTimeout(180_000);

const OUTSIDER = 'user:default/outsider';
const VIEWER = 'user:default/viewer';
const BASE = '/api/model-monitoring/entities/default/component/housing-price';

const model: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'housing-price', namespace: 'default', title: 'Housing price', annotations: { 'mlmon.dev/endpoint': 'housing-price' } },
  spec: { type: 'ml-model', owner: 'team-a', lifecycle: 'production' },
};
// Names an endpoint registered for another entity: must not see its data.
const impostor: Entity = {
  ...model,
  metadata: { name: 'impostor', namespace: 'default', annotations: { 'mlmon.dev/endpoint': 'housing-price' } },
};

const userOf = (c: BackstageCredentials) => (c.principal as { userEntityRef?: string }).userEntityRef;

/** The catalog as it behaves with permissions: the outsider may read no entity. */
function guardedCatalog(entities: Entity[]): CatalogService {
  const inner = catalogServiceMock({ entities });
  const guarded = Object.create(inner) as CatalogService;
  guarded.getEntityByRef = async (ref, opts) =>
    userOf(opts.credentials) === OUTSIDER ? undefined : inner.getEntityByRef(ref, opts);
  guarded.getEntities = async (req, opts) =>
    userOf(opts.credentials) === OUTSIDER ? { items: [] } : inner.getEntities(req, opts);
  guarded.getEntitiesByRefs = async (req, opts) =>
    userOf(opts.credentials) === OUTSIDER ? { items: req.entityRefs.map(() => undefined) } : inner.getEntitiesByRefs(req, opts);
  return guarded;
}

describe('built-in monitoring through the backend', () => {
  const send = jest.fn();
  let dataRoot: string;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  beforeAll(async () => {
    dataRoot = await createBuiltinDataRoot({
      endpoint: 'housing-price',
      schedule: 'housing-dq',
      start: new Date('2026-01-01T00:00:00Z'),
      hours: 8,
      driftFrom: new Date('2026-01-01T05:00:00Z'),
    });
    ({ server } = await startTestBackend({
      features: [
        modelMonitoringPlugin,
        mockServices.database.factory(),
        mockServices.rootConfig.factory({
          data: {
            modelMonitoring: {
              builtin: {
                dataRoot,
                models: [
                  {
                    entityRef: 'component:default/housing-price',
                    endpointName: 'housing-price',
                    schedules: [{ name: 'housing-dq', monitorType: 'DataQuality', scheduleExpression: 'cron(0 * ? * * *)' }],
                  },
                ],
              },
            },
          },
        }),
        createServiceFactory({ service: catalogServiceRef, deps: {}, factory: () => guardedCatalog([model, impostor]) }),
        createServiceFactory({ service: notificationService, deps: {}, factory: () => ({ send }) }),
        createServiceFactory({
          service: coreServices.permissions,
          deps: {},
          factory: () => ({
            authorize: async (requests: unknown[], opts: { credentials: BackstageCredentials }) =>
              requests.map(() => ({ result: userOf(opts.credentials) === VIEWER ? AuthorizeResult.DENY : AuthorizeResult.ALLOW })),
            authorizeConditional: async () => [],
          }) as never,
        }),
      ],
    }));
  });
  afterAll(() => fs.rmSync(dataRoot, { recursive: true, force: true }));

  const as = (user = 'user:default/owner') => mockCredentials.user.header(user);

  async function backfill() {
    const started = await request(server)
      .post(`${BASE}/runs`)
      .set('Authorization', as())
      .send({ scheduleName: 'housing-dq', backfill: { from: '2026-01-01T00:00:00Z', to: '2026-01-01T08:00:00Z' } });
    expect(started.status).toBe(202);
    for (let i = 0; i < 600; i++) {
      const status = await request(server).get(`${BASE}/runs/${started.body.runId}`).set('Authorization', as());
      if (status.body.state === 'Completed' || status.body.state === 'Failed') return { started: started.body, status: status.body };
      await new Promise(r => setTimeout(r, 200));
    }
    throw new Error('backfill did not finish');
  }

  it('backfills one execution per window, never twice, and serves drift read back from the reports', async () => {
    const first = await backfill();
    expect(first.started.windowsQueued).toBe(8);
    expect(first.status).toMatchObject({ state: 'Completed', windowsDone: 8, windowsFailed: 0 });
    const again = await backfill();
    expect(again.started).toMatchObject({ windowsQueued: 0, windowsSkipped: 8 });

    const executions = await request(server)
      .get(`${BASE}/executions?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z`)
      .set('Authorization', as());
    expect(executions.status).toBe(200);
    expect(executions.body.items).toHaveLength(8);
    expect(executions.body.items[0].windowEnd).toBe('2026-01-01T08:00:00.000Z');
    expect(executions.body.items[0].status).toBe('CompletedWithViolations');
    expect(executions.body.items[0].violations).toContain('median_income');
    expect(executions.body.items[7].violations).not.toContain('median_income');
    const report = await request(server).get(executions.body.items[0].reports[2].href.replace(/^/, '/api/model-monitoring')).set('Authorization', as());
    expect(report.status).toBe(200);
    expect(JSON.parse(report.text).violations.some((v: { feature_name: string }) => v.feature_name === 'median_income')).toBe(true);

    const drift = await request(server)
      .get(`${BASE}/drift?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z`)
      .set('Authorization', as());
    expect(drift.status).toBe(200);
    const income = drift.body.now.find((f: { feature: string }) => f.feature === 'median_income');
    expect(income.distance).toBeGreaterThan(0.1);
    expect(income.threshold).toBe(0.1);
    expect(income.violations).toContain('baseline_drift_check');
    const series = drift.body.series.find((s: { feature: string }) => s.feature === 'median_income');
    expect(series.points).toHaveLength(8);
    expect(series.points[0].value).toBeLessThan(0.1);
    expect(series.points[7].value).toBeGreaterThan(0.1);
    // Downsampled to one 12-hour bucket: the peak of the eight windows, at the last window's end.
    const coarse = await request(server)
      .get(`${BASE}/drift?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z&maxPoints=3`)
      .set('Authorization', as());
    expect(coarse.body.bucketSeconds).toBe(12 * 3600);
    const peak = Math.max(...series.points.map((p: { value: number }) => p.value));
    expect(coarse.body.series.find((s: { feature: string }) => s.feature === 'median_income').points).toEqual([{ time: series.points[7].time, value: peak }]);
    const badMaxPoints = await request(server).get(`${BASE}/drift?maxPoints=1`).set('Authorization', as());
    expect(badMaxPoints.status).toBe(400);

    // No explainability monitor: features to look at first are ranked by drift, shares of the drift.
    const contributors = await request(server).get(`${BASE}/drift-contributors`).set('Authorization', as());
    expect(contributors.status).toBe(200);
    expect(contributors.body).toMatchObject({ basis: 'data-quality', weighted: false });
    expect(contributors.body.items[0]).toMatchObject({ feature: 'median_income', rank: 1, attribution: null });
    expect(contributors.body.items[0].drift).toBe(income.distance);
    const shares = contributors.body.items.reduce((sum: number, item: { share: number }) => sum + item.share, 0);
    expect(shares).toBeCloseTo(1, 9);

    const feature = await request(server).get(`${BASE}/features/median_income`).set('Authorization', as());
    expect(feature.status).toBe(200);
    const share = (b: Array<{ share: number }>) => b.reduce((s, x) => s + x.share, 0);
    expect(share(feature.body.baseline.numeric.buckets)).toBeCloseTo(1, 5);
    expect(share(feature.body.window.numeric.buckets)).toBeCloseTo(1, 5);
    expect(feature.body.window.numeric.mean).toBeGreaterThan(feature.body.baseline.numeric.mean * 2);
  });

  it('serves the prediction distribution of a window from its capture files', async () => {
    const windowEnd = '2026-01-01T03:00:00.000Z';
    const res = await request(server).get(`${BASE}/predictions?windowEnd=${windowEnd}`).set('Authorization', as());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ entityRef: 'component:default/housing-price', scheduleName: 'housing-dq', windowEnd, attribute: '_c0' });
    // The baseline holds the features only: no baseline side for the output.
    expect(res.body.baseline).toBeUndefined();
    const buckets: Array<{ lowerBound: number; upperBound: number; count: number; share: number }> = res.body.window.numeric.buckets;
    expect(buckets).toHaveLength(20);
    // The window's record count as the monitor's own report counted it.
    const executions = await request(server)
      .get(`${BASE}/executions?from=2026-01-01T02:59:00Z&to=${windowEnd}`)
      .set('Authorization', as());
    const statistics = await request(server)
      .get(`/api/model-monitoring${executions.body.items[0].reports[0].href}`)
      .set('Authorization', as());
    const itemCount = JSON.parse(statistics.text).dataset.item_count;
    expect(itemCount).toBeGreaterThan(50);
    expect(res.body.window.itemCount).toBe(itemCount);
    expect(buckets.reduce((s, b) => s + b.count, 0) + res.body.window.missing).toBe(itemCount);
    expect(buckets.reduce((s, b) => s + b.share, 0)).toBeCloseTo(1, 9);
    expect(buckets[0].lowerBound).toBe(res.body.window.numeric.min);
    expect(buckets[19].upperBound).toBe(res.body.window.numeric.max);
    expect(res.body.series).toEqual([{ time: windowEnd, value: res.body.window.numeric.mean }]);

    const newest = await request(server).get(`${BASE}/predictions`).set('Authorization', as());
    expect(newest.body.windowEnd).toBe('2026-01-01T08:00:00.000Z');

    const outsider = await request(server).get(`${BASE}/predictions`).set('Authorization', as(OUTSIDER));
    expect(outsider.status).toBe(404);
    const impostorRes = await request(server)
      .get('/api/model-monitoring/entities/default/component/impostor/predictions')
      .set('Authorization', as());
    expect(impostorRes.status).toBe(404);
    const badWindow = await request(server).get(`${BASE}/predictions?windowEnd=yesterday`).set('Authorization', as());
    expect(badWindow.status).toBe(400);
  });

  it('opens an alert, notifies the owner and lists the model in the overview', async () => {
    const summary = await request(server).get(`${BASE}/summary`).set('Authorization', as());
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({ health: 'InAlert', source: 'builtin' });
    expect(summary.body.alerts).toEqual([expect.objectContaining({ ruleName: 'housing-dq-violations', status: 'InAlert' })]);
    expect(summary.body.monitors[0]).toMatchObject({ scheduleName: 'housing-dq', scheduleExpression: 'cron(0 * ? * * *)', health: 'Violations' });

    expect(send).toHaveBeenCalledWith({
      recipients: { type: 'entity', entityRef: 'component:default/housing-price' },
      payload: expect.objectContaining({ severity: 'high', link: '/catalog/default/component/housing-price/monitoring' }),
    });

    const overview = await request(server).get('/api/model-monitoring/overview?sort=title').set('Authorization', as());
    expect(overview.status).toBe(200);
    expect(overview.body.items).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/housing-price',
        title: 'Housing price',
        owner: 'group:default/team-a',
        health: 'InAlert',
        openAlerts: 1,
        coverage: ['DataQuality'],
        lastRunAt: '2026-01-01T08:00:00.000Z',
      }),
    ]);
  });

  it('answers 404 to a user who may not read the entity, also for cached data', async () => {
    await request(server).get(`${BASE}/summary`).set('Authorization', as()).expect(200);
    for (const path of ['summary', 'drift?to=2026-01-02T00:00:00Z', 'executions', 'alerts']) {
      await request(server).get(`${BASE}/${path}`).set('Authorization', as()).expect(200);
      const res = await request(server).get(`${BASE}/${path}`).set('Authorization', as(OUTSIDER));
      expect(res.status).toBe(404);
    }
    const overview = await request(server).get('/api/model-monitoring/overview').set('Authorization', as(OUTSIDER));
    expect(overview.body).toMatchObject({ items: [], totalCount: 0 });
    // An entity naming an endpoint registered for another entity sees none of its executions.
    const impostorSummary = await request(server)
      .get('/api/model-monitoring/entities/default/component/impostor/summary')
      .set('Authorization', as());
    expect(impostorSummary.body.monitors).toEqual([]);
  });

  it('checks permissions for runs and alert rules', async () => {
    const run = await request(server).post(`${BASE}/runs`).set('Authorization', as(VIEWER)).send({ scheduleName: 'housing-dq' });
    expect(run.status).toBe(403);
    const rules = await request(server).put(`${BASE}/alerts/rules`).set('Authorization', as(VIEWER)).send({ rules: [] });
    expect(rules.status).toBe(403);
    const embed = await request(server).get(`${BASE}/dashboard-embed`).set('Authorization', as(VIEWER));
    expect(embed.status).toBe(403);
  });

  it('never lets an SQL-looking parameter act as SQL', async () => {
    const sql = "x' OR '1'='1'; DROP TABLE model_status_snapshots; --";
    const search = await request(server).get(`/api/model-monitoring/overview?q=${encodeURIComponent(sql)}`).set('Authorization', as());
    expect(search.status).toBe(200);
    expect(search.body.items).toEqual([]);
    const owner = await request(server).get(`/api/model-monitoring/overview?owner=${encodeURIComponent(sql)}`).set('Authorization', as());
    expect(owner.body.items).toEqual([]);
    for (const query of [`sort=${encodeURIComponent(sql)}`, `order=${encodeURIComponent(sql)}`, `health=${encodeURIComponent(sql)}`, `limit=${encodeURIComponent(sql)}`]) {
      const res = await request(server).get(`/api/model-monitoring/overview?${query}`).set('Authorization', as());
      expect(res.status).toBe(400);
    }
    for (const query of [`schedule=${encodeURIComponent(sql)}`, `from=${encodeURIComponent(sql)}`]) {
      const res = await request(server).get(`${BASE}/drift?${query}`).set('Authorization', as());
      expect(res.status).toBe(400);
    }
    const feature = await request(server).get(`${BASE}/features/${encodeURIComponent(sql)}`).set('Authorization', as());
    expect(feature.status).toBe(404);
    // The table is still there and intact.
    const after = await request(server).get('/api/model-monitoring/overview').set('Authorization', as());
    expect(after.body.totalCount).toBe(1);
  });

  it('changes alert rules with permission and closes the alert when the rule no longer fires', async () => {
    const res = await request(server)
      .put(`${BASE}/alerts/rules`)
      .set('Authorization', as())
      .send({ rules: [{ name: 'income-drift', kind: 'drift', scheduleName: 'housing-dq', feature: 'median_income', threshold: 0.99, datapointsToAlert: 2, evaluationPeriod: 3, enabled: true }] });
    expect(res.status).toBe(200);
    expect(res.body.states).toEqual([expect.objectContaining({ ruleName: 'income-drift', status: 'OK', datapointsInAlert: 0 })]);
    const summary = await request(server).get(`${BASE}/summary`).set('Authorization', as());
    expect(summary.body.health).toBe('Violations');
  });
});
