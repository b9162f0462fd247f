import type { Entity } from '@backstage/catalog-model';
import { MODEL_HEALTH_STATES, MODEL_RISK_RATINGS, type OverviewRow } from '@mlmon/plugin-model-monitoring-common';
import type { Knex } from 'knex';
import { ExecutionStore } from '../../src/database/ExecutionStore';
import { migrateDatabase } from '../../src/database/migrateDatabase';
import { SnapshotStore } from '../../src/database/SnapshotStore';

export const BENCH_MODEL = 'model-0000';
export const BENCH_SCHEDULE = 'model-0000-dq';
const FEATURES = ['median_income', 'house_age', 'avg_rooms', 'avg_bedrooms', 'population', 'avg_occupancy', 'latitude', 'longitude'];

/** The catalog of the benchmark: `count` models, every third one monitored by SageMaker. */
export function benchEntities(count: number): Entity[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `model-${String(i).padStart(4, '0')}`;
    const endpoint = i % 3 === 2 ? `arn:aws:sagemaker:eu-west-1:123456789012:endpoint/${name}` : name;
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name, namespace: 'default', title: `Model ${i}`, annotations: { 'mlmon.dev/endpoint': endpoint } },
      spec: { type: 'ml-model', owner: `team-${i % 20}`, lifecycle: 'production' },
    };
  });
}

/**
 * Seeds the plugin's tables directly through its stores: one status snapshot per model and
 * `days` × 24 hourly executions with per-feature drift metrics for {@link BENCH_MODEL}.
 */
export async function seedBenchData(knex: Knex, entities: Entity[], days: number, now: Date): Promise<{ executions: number }> {
  await migrateDatabase(knex);
  // One transaction: seeding is setup, not what is measured.
  const seeded = await knex.transaction(trx => seedRows(trx, entities, days, now));
  // A table that grew over months has statistics and a visibility map (autovacuum); one filled a
  // second ago has neither, and PostgreSQL would plan its queries as if it were empty.
  if (String(knex.client.config.client) === 'pg') {
    await knex.raw('vacuum analyze model_status_snapshots, monitoring_executions, execution_metrics');
  }
  return seeded;
}

async function seedRows(knex: Knex, entities: Entity[], days: number, now: Date): Promise<{ executions: number }> {
  const snapshots = new SnapshotStore(knex);
  for (const [i, entity] of entities.entries()) {
    const builtin = !entity.metadata.annotations!['mlmon.dev/endpoint'].startsWith('arn:');
    const row: OverviewRow = {
      entityRef: `component:default/${entity.metadata.name}`,
      title: entity.metadata.title!,
      owner: `group:default/${entity.spec!.owner}`,
      source: builtin ? 'builtin' : 'sagemaker',
      endpointName: entity.metadata.name,
      health: MODEL_HEALTH_STATES[i % MODEL_HEALTH_STATES.length],
      riskRating: MODEL_RISK_RATINGS[i % MODEL_RISK_RATINGS.length],
      lastRunAt: new Date(now.getTime() - (i % 48) * 3_600_000).toISOString(),
      openAlerts: i % 7 === 0 ? 1 : 0,
      coverage: i % 2 ? ['DataQuality', 'ModelQuality'] : ['DataQuality'],
      updatedAt: now.toISOString(),
    };
    await snapshots.upsert(row);
  }
  const executions = new ExecutionStore(knex);
  const hour = 3_600_000;
  const end = Math.floor(now.getTime() / hour) * hour;
  const total = days * 24;
  for (let k = total; k > 0; k--) {
    const windowEnd = new Date(end - (k - 1) * hour);
    const metrics: Record<string, number> = {};
    FEATURES.forEach((f, j) => {
      metrics[`feature_baseline_drift_${f}`] = Math.abs(Math.sin((k + 1) * (j + 1) * 0.37)) * 0.2;
    });
    const drifted = metrics.feature_baseline_drift_median_income > 0.15;
    await executions.record(
      `component:default/${BENCH_MODEL}`,
      {
        scheduleName: BENCH_SCHEDULE,
        monitorType: 'DataQuality',
        windowStart: new Date(windowEnd.getTime() - hour).toISOString(),
        windowEnd: windowEnd.toISOString(),
        status: drifted ? 'CompletedWithViolations' : 'Completed',
        violationCount: drifted ? 1 : 0,
        violations: drifted ? ['median_income'] : [],
        finishedAt: new Date(windowEnd.getTime() + 60_000).toISOString(),
      },
      metrics,
    );
  }
  return { executions: total };
}
