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

  it('counts windows, groups them per bucket in the database and finds the newest usable one', async () => {
    const store = await createStore();
    const ref = 'component:default/housing-price';
    const start = Date.parse('2026-11-22T00:00:00Z');
    // Windows ending 01:00..14:00; the last two failed.
    for (let h = 0; h < 14; h++) {
      await store.record(ref, execution(new Date(start + h * 3_600_000).toISOString(), h >= 12 ? { status: 'Failed' } : {}));
    }
    await store.record('component:default/other', execution('2026-11-22T03:00:00Z'));
    const range = { from: new Date(start), to: new Date(start + 24 * 3_600_000) };
    expect(await store.windowCount(ref, 'housing-dq', range)).toBe(14);
    const sixHours = 6 * 3_600_000;
    expect(await store.windowBuckets(ref, 'housing-dq', range, sixHours)).toEqual([
      { bucket: Math.ceil(Date.parse('2026-11-22T06:00:00Z') / sixHours), windowEnd: '2026-11-22T06:00:00.000Z' },
      { bucket: Math.ceil(Date.parse('2026-11-22T12:00:00Z') / sixHours), windowEnd: '2026-11-22T12:00:00.000Z' },
      { bucket: Math.ceil(Date.parse('2026-11-22T18:00:00Z') / sixHours), windowEnd: '2026-11-22T14:00:00.000Z' },
    ]);
    expect(await store.latestUsableWindow(ref, 'housing-dq', range)).toMatchObject({ windowEnd: '2026-11-22T12:00:00.000Z', status: 'Completed' });
    const before = { from: new Date(start + 20 * 3_600_000), to: range.to };
    expect(await store.latestUsableWindow(ref, 'housing-dq', before)).toBeUndefined();
  });

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
