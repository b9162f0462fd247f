import { TestDatabases } from '@backstage/backend-test-utils';
import type { OverviewRow } from '@mlmon/plugin-model-monitoring-common';
import { AlertStore } from './AlertStore';
import { migrateDatabase } from './migrateDatabase';
import { SnapshotStore } from './SnapshotStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

function row(name: string, overrides: Partial<OverviewRow> = {}): OverviewRow {
  return {
    entityRef: `component:default/${name}`,
    title: name,
    owner: 'group:default/team-a',
    source: 'builtin',
    endpointName: name,
    health: 'OK',
    riskRating: 'Low',
    openAlerts: 0,
    coverage: ['DataQuality'],
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

describe.each(databases.eachSupportedId())('snapshot and alert stores on %s', databaseId => {
  it('pages, filters and sorts the overview in the database, limited to visible entities', async () => {
    const knex = await databases.init(databaseId);
    await migrateDatabase(knex);
    const store = new SnapshotStore(knex);
    await store.upsert(row('alpha', { health: 'InAlert', openAlerts: 2, riskRating: 'High' }));
    await store.upsert(row('beta', { health: 'Violations', lastRunAt: '2026-01-02T00:00:00.000Z' }));
    await store.upsert(row('gamma_100%', { source: 'sagemaker', owner: 'group:default/team-b' }));
    await store.upsert(row('beta', { health: 'OK' }));
    const base = { offset: 0, limit: 2, sort: 'health', order: 'asc' } as const;

    const page = await store.query(base);
    expect(page.items.map(i => i.title)).toEqual(['alpha', 'beta']);
    expect(page.totalCount).toBe(3);
    expect(page.healthCounts).toEqual({ InAlert: 1, OK: 2 });

    const visible = await store.query({ ...base, limit: 10 }, ['component:default/beta']);
    expect(visible.items.map(i => i.title)).toEqual(['beta']);

    // LIKE wildcards in a search are literal characters.
    expect((await store.query({ ...base, q: '%' })).items.map(i => i.title)).toEqual(['gamma_100%']);
    expect((await store.query({ ...base, q: '_' })).items.map(i => i.title)).toEqual(['gamma_100%']);
    expect((await store.query({ ...base, source: ['sagemaker'] })).totalCount).toBe(1);
    expect((await store.query({ ...base, health: ['OK'], owner: 'group:default/team-a' })).totalCount).toBe(1);
    expect((await store.query({ ...base, sort: 'openAlerts', order: 'desc' })).items[0].title).toBe('alpha');
    expect((await store.query({ ...base, sort: 'risk' })).items[0].riskRating).toBe('High');
  });

  it('sorts by the column on every database, missing values first ascending and last descending', async () => {
    const knex = await databases.init(databaseId);
    await migrateDatabase(knex);
    const store = new SnapshotStore(knex);
    await store.upsert(row('a', { health: 'OK', lastRunAt: '2026-01-03T00:00:00.000Z' }));
    await store.upsert(row('b', { health: 'OK' }));
    await store.upsert(row('c', { health: 'OK', lastRunAt: '2026-01-01T00:00:00.000Z' }));
    // Rewritten rows sort by their new values.
    await store.upsert(row('c', { health: 'InAlert', lastRunAt: '2026-01-01T00:00:00.000Z' }));
    const titles = async (sort: 'health' | 'lastRun', order: 'asc' | 'desc') =>
      (await store.query({ offset: 0, limit: 10, sort, order })).items.map(i => i.title);
    expect(await titles('health', 'asc')).toEqual(['c', 'a', 'b']);
    expect(await titles('health', 'desc')).toEqual(['a', 'b', 'c']);
    expect(await titles('lastRun', 'asc')).toEqual(['b', 'c', 'a']);
    expect(await titles('lastRun', 'desc')).toEqual(['a', 'c', 'b']);
  });

  it('records OK to InAlert transitions once, and clears acknowledgements on a new episode', async () => {
    const knex = await databases.init(databaseId);
    await migrateDatabase(knex);
    const alerts = new AlertStore(knex);
    const ref = 'component:default/m';
    const state = (status: 'OK' | 'InAlert', since: string) => ({
      ruleName: 'dq-violations', kind: 'violations' as const, scheduleName: 'dq', status, since,
      reason: status, datapointsInAlert: status === 'InAlert' ? 1 : 0, evaluationPeriod: 1,
    });
    expect(await alerts.saveState(ref, state('OK', '2026-01-01T00:00:00Z'))).toBeUndefined();
    expect(await alerts.saveState(ref, state('InAlert', '2026-01-01T01:00:00Z'), '2026-01-01T01:00:00Z')).toBe('OK');
    await alerts.acknowledge(ref, 'dq-violations', 'user:default/ann');
    expect(await alerts.saveState(ref, state('InAlert', '2026-01-01T02:00:00Z'))).toBe('InAlert');
    const [kept] = await alerts.states(ref);
    expect(kept).toMatchObject({ since: '2026-01-01T01:00:00.000Z', acknowledgedBy: 'user:default/ann' });
    await alerts.saveState(ref, state('OK', '2026-01-01T03:00:00Z'));
    const history = await alerts.history(ref);
    expect(history.map(h => [h.from, h.to, h.at])).toEqual([
      ['InAlert', 'OK', '2026-01-01T03:00:00.000Z'],
      ['OK', 'InAlert', '2026-01-01T01:00:00.000Z'],
    ]);
    expect((await alerts.states(ref))[0].acknowledgedBy).toBeUndefined();
    expect(await alerts.openCounts()).toEqual(new Map());
  });
});
