import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import type { MonitoringExecution } from '@mlmon/plugin-model-monitoring-common';
import { ExecutionMetricsStore } from './ExecutionMetricsStore';
import { ExecutionStore } from './ExecutionStore';
import { migrateDatabase } from './migrateDatabase';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const REF = 'component:default/housing-price';
const HOUR = 3_600_000;

function execution(windowStart: string, status: MonitoringExecution['status'] = 'Completed'): MonitoringExecution {
  const start = new Date(windowStart);
  return {
    scheduleName: 'housing-dq',
    monitorType: 'DataQuality',
    windowStart: start.toISOString(),
    windowEnd: new Date(start.getTime() + HOUR).toISOString(),
    status,
    violationCount: 0,
    violations: [],
    finishedAt: new Date(start.getTime() + HOUR + 60_000).toISOString(),
  };
}

describe.each(databases.eachSupportedId())('execution metrics on %s', databaseId => {
  it('keeps one value per metric and window, replaced when the window is recorded again', async () => {
    const knex = await databases.init(databaseId);
    await migrateDatabase(knex);
    const executions = new ExecutionStore(knex);
    const metrics = new ExecutionMetricsStore(knex);
    await executions.record(REF, execution('2026-01-01T00:00:00Z'), { feature_baseline_drift_age: 0.1, feature_baseline_drift_income: 0.3, auc: 0.9 });
    await executions.record(REF, execution('2026-01-01T01:00:00Z'), { feature_baseline_drift_age: 0.2 });
    // Recorded again (a retried job): the old numbers go, income is no longer reported.
    await executions.record(REF, execution('2026-01-01T00:00:00Z'), { feature_baseline_drift_age: 0.15 });
    await executions.record('component:default/other', execution('2026-01-01T00:00:00Z'), { feature_baseline_drift_zip: 0.5 });

    const range = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-01-02T00:00:00Z') };
    await expect(metrics.names(REF, 'housing-dq', range, 'feature_baseline_drift_')).resolves.toEqual(['feature_baseline_drift_age']);
    await expect(metrics.at(REF, 'housing-dq', new Date('2026-01-01T01:00:00Z'))).resolves.toEqual({ feature_baseline_drift_age: 0.15 });
    const series = await metrics.series(REF, 'housing-dq', ['feature_baseline_drift_age', 'auc'], range);
    expect([...series.get('feature_baseline_drift_age')!.entries()].sort()).toEqual([
      [Date.parse('2026-01-01T01:00:00Z'), 0.15],
      [Date.parse('2026-01-01T02:00:00Z'), 0.2],
    ]);
    expect(series.get('auc')!.size).toBe(0);
    // The range is (from, to]: the window ending at `from` is not in it.
    const later = { from: new Date('2026-01-01T01:00:00Z'), to: range.to };
    expect([...(await metrics.series(REF, 'housing-dq', ['feature_baseline_drift_age'], later)).get('feature_baseline_drift_age')!.keys()]).toEqual([
      Date.parse('2026-01-01T02:00:00Z'),
    ]);
    const windows = await executions.windows(REF, 'housing-dq', range);
    expect(windows.map(w => w.windowEnd)).toEqual(['2026-01-01T01:00:00.000Z', '2026-01-01T02:00:00.000Z']);
  });

  it('groups the peak of each bucket in the database, as the same grouping done here would', async () => {
    const knex = await databases.init(databaseId);
    await migrateDatabase(knex);
    const executions = new ExecutionStore(knex);
    const metrics = new ExecutionMetricsStore(knex);
    const start = Date.parse('2026-01-01T00:00:00Z');
    for (let h = 0; h < 30; h++) {
      const values: Record<string, number> = h % 5 === 4 ? {} : { feature_baseline_drift_age: ((h * 7) % 11) / 10, feature_baseline_drift_zip: h / 100 };
      await executions.record(REF, execution(new Date(start + h * HOUR).toISOString()), values);
    }
    const range = { from: new Date(start), to: new Date(start + 30 * HOUR) };
    const names = ['feature_baseline_drift_age', 'feature_baseline_drift_zip'];
    const bucketMs = 6 * HOUR;
    const peaks = await metrics.bucketPeaks(REF, 'housing-dq', names, range, bucketMs);
    const all = await metrics.series(REF, 'housing-dq', names, range);
    for (const name of names) {
      const expected = new Map<number, number>();
      for (const [ms, value] of all.get(name)!) {
        const b = Math.ceil(ms / bucketMs);
        expected.set(b, Math.max(expected.get(b) ?? -Infinity, value));
      }
      expect([...peaks.get(name)!.entries()].sort()).toEqual([...expected.entries()].sort());
    }
    // Windows ending 01:00..06:00 (starting at hours 0..5) are one bucket; the age peak is that
    // of hour 3 (21 % 11 = 10), not of hour 6 (42 % 11 = 9), which ends at 07:00.
    expect(peaks.get('feature_baseline_drift_age')!.get(Math.ceil((start + 6 * HOUR) / bucketMs))).toBe(1);
    expect(peaks.get('feature_baseline_drift_zip')!.size).toBe(5);
  });

  it('copies the metrics of executions recorded before the table existed', async () => {
    const knex = await databases.init(databaseId);
    const directory = resolvePackagePath('@mlmon/plugin-model-monitoring-backend', 'migrations');
    await knex.migrate.up({ directory });
    await knex.migrate.up({ directory });
    const row = (windowStart: string, metricsJson: string | null) => ({
      entity_ref: REF,
      schedule_name: 'housing-dq',
      monitor_type: 'DataQuality',
      window_start: new Date(windowStart),
      window_end: new Date(Date.parse(windowStart) + HOUR),
      status: 'Completed',
      violation_count: 0,
      violations_json: '[]',
      finished_at: new Date(Date.parse(windowStart) + HOUR),
      metrics_json: metricsJson,
    });
    await knex('monitoring_executions').insert([
      row('2026-01-01T00:00:00Z', JSON.stringify({ feature_baseline_drift_age: 0.25, rmse: 1.5 })),
      row('2026-01-01T01:00:00Z', null),
      row('2026-01-01T02:00:00Z', 'not json'),
    ]);
    await migrateDatabase(knex);
    const metrics = new ExecutionMetricsStore(knex);
    await expect(metrics.at(REF, 'housing-dq', new Date('2026-01-01T01:00:00Z'))).resolves.toEqual({
      feature_baseline_drift_age: 0.25,
      rmse: 1.5,
    });
    const [{ n }] = await knex('execution_metrics').count({ n: '*' });
    expect(Number(n)).toBe(2);
  });
});
