import { mockCredentials, mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { OverviewRow } from '@mlmon/plugin-model-monitoring-common';
import express from 'express';
import Router from 'express-promise-router';
import request from 'supertest';
import { migrateDatabase } from '../../database/migrateDatabase';
import { SnapshotStore } from '../../database/SnapshotStore';
import { VisibleEntities } from '../VisibleEntities';
import { addOverviewRoutes } from './overviewRoutes';
import type { RouteDeps } from './routeDeps';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const entity = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations: { 'mlmon.dev/endpoint': name } },
  spec: { type: 'ml-model', owner: 'team', lifecycle: 'production' },
});

const row = (name: string, health: OverviewRow['health'] = 'OK'): OverviewRow => ({
  entityRef: `component:default/${name}`,
  title: name,
  source: 'builtin',
  endpointName: name,
  health,
  riskRating: 'Low',
  openAlerts: 0,
  coverage: ['DataQuality'],
  updatedAt: '2026-01-01T00:00:00.000Z',
});

const userOf = (c: BackstageCredentials) => (c.principal as { userEntityRef?: string }).userEntityRef ?? '';

/** The catalog as permissions make it: `user:default/a-…` reads `a-*` models, `…/b-…` reads `b-*`, others nothing. */
function teamCatalog(entities: Entity[]) {
  const inner = catalogServiceMock({ entities });
  const asked: string[] = [];
  const catalog = Object.create(inner) as CatalogService;
  catalog.getEntitiesByRefs = async (req, opts) => {
    const user = userOf(opts.credentials);
    asked.push(user);
    const team = /^user:default\/([ab])-/.exec(user)?.[1];
    const { items } = await inner.getEntitiesByRefs(req, opts);
    return { items: items.map((e, i) => (team && req.entityRefs[i].startsWith(`component:default/${team}-`) ? e : undefined)) };
  };
  return { catalog, asked };
}

async function setup() {
  const knex = await databases.init('SQLITE_3');
  await migrateDatabase(knex);
  const snapshots = new SnapshotStore(knex);
  for (const name of ['a-1', 'a-2', 'b-1']) await snapshots.upsert(row(name));
  const { catalog, asked } = teamCatalog(['a-1', 'a-2', 'a-3', 'b-1'].map(entity));
  const router = Router();
  addOverviewRoutes(router, {
    httpAuth: mockServices.httpAuth(),
    snapshots,
    visibleEntities: new VisibleEntities(catalog, 60_000),
  } as unknown as RouteDeps);
  const app = express().use(router);
  const overview = async (user: string, query = '') => {
    const res = await request(app).get(`/overview${query}`).set('Authorization', mockCredentials.user.header(user));
    expect(res.status).toBe(200);
    return res.body as { items: OverviewRow[]; totalCount: number };
  };
  return { snapshots, asked, overview };
}

describe('GET /overview response cache', () => {
  it('never answers a caller from an answer cached for callers who may read other entities', async () => {
    const { asked, overview } = await setup();
    // Team A's page is cached first; team B and an outsider ask the very same query.
    expect((await overview('user:default/a-ann')).items.map(i => i.title)).toEqual(['a-1', 'a-2']);
    expect((await overview('user:default/b-bob')).items.map(i => i.title)).toEqual(['b-1']);
    expect(await overview('user:default/outsider')).toMatchObject({ items: [], totalCount: 0 });
    // A second member of team A may read what Ann reads: the catalog is still asked for them.
    expect((await overview('user:default/a-amy', '?health=OK')).totalCount).toBe(2);
    expect(asked).toEqual(['user:default/a-ann', 'user:default/b-bob', 'user:default/outsider', 'user:default/a-amy']);
  });

  it('drops cached answers when a snapshot is written, and keys equivalent queries alike', async () => {
    const { snapshots, overview } = await setup();
    const before = await overview('user:default/a-ann', '?health=OK,InAlert');
    expect(before.items.map(i => i.health)).toEqual(['OK', 'OK']);
    await snapshots.upsert(row('a-2', 'InAlert'));
    const after = await overview('user:default/a-ann', '?health=InAlert,OK');
    expect(after.items.map(i => [i.title, i.health])).toEqual([
      ['a-2', 'InAlert'],
      ['a-1', 'OK'],
    ]);
    // A model that newly has a snapshot counts once the caller's visible set is asked again
    // (at most the visible-set time to live later); here a new caller sees it at once.
    await snapshots.upsert(row('a-3'));
    expect((await overview('user:default/a-new')).totalCount).toBe(3);
  });
});
