import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { modelMonitoringPlugin } from './plugin';

const monitored: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'housing-price',
    namespace: 'default',
    annotations: {
      'mlmon.dev/endpoint': 'housing-price',
      'mlmon.dev/monitoring-schedules': 'housing-price-dq',
      'mlmon.dev/risk-rating': 'Medium',
    },
  },
  spec: { type: 'ml-model', owner: 'team-a', lifecycle: 'production' },
};

const plain: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'website', namespace: 'default' },
  spec: { type: 'website', owner: 'team-a', lifecycle: 'production' },
};

const broken: Entity = {
  ...plain,
  metadata: {
    name: 'broken',
    namespace: 'default',
    annotations: { 'mlmon.dev/endpoint': 'arn:aws:sagemaker:nope' },
  },
};

async function startServer() {
  const { server } = await startTestBackend({
    features: [
      modelMonitoringPlugin,
      catalogServiceMock.factory({ entities: [monitored, plain, broken] }),
      mockServices.database.factory(),
    ],
  });
  return server;
}

describe('model-monitoring backend plugin', () => {
  it('answers its health check without credentials', async () => {
    const server = await startServer();
    const res = await request(server).get('/api/model-monitoring/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('refuses entity data to unauthenticated callers', async () => {
    const server = await startServer();
    const res = await request(server)
      .get('/api/model-monitoring/entities/default/component/housing-price/summary')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });

  it('returns the summary of a monitored entity to a signed-in user', async () => {
    const server = await startServer();
    const res = await request(server)
      .get('/api/model-monitoring/entities/default/component/housing-price/summary')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      entityRef: 'component:default/housing-price',
      source: 'builtin',
      endpointName: 'housing-price',
      monitors: [{ scheduleName: 'housing-price-dq', monitorType: 'DataQuality', health: 'NoData' }],
      riskRating: 'Medium',
      riskRatingSource: 'annotation',
      health: 'NoData',
      alerts: [],
      dashboardAvailable: false,
    });
  });

  it('answers 404 naming the annotation for an entity that is not monitored', async () => {
    const server = await startServer();
    const res = await request(server)
      .get('/api/model-monitoring/entities/default/component/website/summary')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain('mlmon.dev/endpoint');
  });

  it('answers 400 naming the annotation for a malformed annotation', async () => {
    const server = await startServer();
    const res = await request(server)
      .get('/api/model-monitoring/entities/default/component/broken/summary')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toContain('mlmon.dev/endpoint');
  });

  it('treats an SQL-looking entity name as a name that does not exist', async () => {
    const server = await startServer();
    const res = await request(server)
      .get(
        `/api/model-monitoring/entities/default/component/${encodeURIComponent(
          "x' OR '1'='1",
        )}/summary`,
      )
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(404);
  });
});
