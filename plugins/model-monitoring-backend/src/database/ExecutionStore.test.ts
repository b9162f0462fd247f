import { TestDatabases } from '@backstage/backend-test-utils';
import type { MonitoringExecution } from '@mlmon/plugin-model-monitoring-common';
import { ExecutionStore } from './ExecutionStore';
import { migrateDatabase } from './migrateDatabase';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

function execution(
  windowStart: string,
  overrides: Partial<MonitoringExecution> = {},
): MonitoringExecution {
  const start = new Date(windowStart);
  return {
    scheduleName: 'housing-dq',
    monitorType: 'DataQuality',
    windowStart: start.toISOString(),
    windowEnd: new Date(start.getTime() + 3_600_000).toISOString(),
    status: 'Completed',
    violationCount: 0,
    violations: [],
    finishedAt: new Date(start.getTime() + 3_700_000).toISOString(),
    ...overrides,
  };
}

describe.each(databases.eachSupportedId())('ExecutionStore on %s', databaseId => {
  async function createStore() {
    const knex = await databases.init(databaseId);
    await migrateDatabase(knex);
    return new ExecutionStore(knex);
  }

  it('keeps one row per window when the same window is recorded twice', async () => {
    const store = await createStore();
    const ref = 'component:default/housing-price';
    await store.record(ref, execution('2026-11-22T10:00:00Z'));
    await store.record(
      ref,
      execution('2026-11-22T10:00:00Z', {
        status: 'CompletedWithViolations',
        violationCount: 1,
        violations: ['median_income'],
      }),
    );
    const listed = await store.list(
      ref,
      'housing-dq',
      new Date('2026-11-22T00:00:00Z'),
      new Date('2026-11-23T00:00:00Z'),
    );
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      status: 'CompletedWithViolations',
      violations: ['median_income'],
      windowStart: '2026-11-22T10:00:00.000Z',
      windowEnd: '2026-11-22T11:00:00.000Z',
    });
  });

  it('returns the newest execution of each schedule, and only for that model', async () => {
    const store = await createStore();
    const ref = 'component:default/housing-price';
    await store.record(ref, execution('2026-11-22T09:00:00Z'));
    await store.record(ref, execution('2026-11-22T10:00:00Z', { status: 'Failed', failureReason: 'empty window' }));
    await store.record(
      ref,
      execution('2026-11-21T00:00:00Z', { scheduleName: 'housing-mq', monitorType: 'ModelQuality' }),
    );
    await store.record('component:default/other', execution('2026-11-22T12:00:00Z'));

    const latest = await store.latestPerSchedule(ref);
    expect(latest.map(e => [e.scheduleName, e.windowStart, e.status])).toEqual([
      ['housing-dq', '2026-11-22T10:00:00.000Z', 'Failed'],
      ['housing-mq', '2026-11-21T00:00:00.000Z', 'Completed'],
    ]);
    expect(latest[0].failureReason).toBe('empty window');
  });
});
