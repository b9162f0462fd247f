import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import knexFactory, { type Knex } from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { modelMonitoringPlugin } from '../plugin';
import { countAwsCalls } from './awsCallCounter';
import { loadRoute, type LoadResult } from './loadTest';
import { BENCH_MODEL, BENCH_SCHEDULE, benchEntities, seedBenchData } from './seedBenchData';

const MODELS = 1000;
const DAYS = 90;
const CONCURRENCY = 50;
const REQUESTS = 2000;
const TARGET_P95_MS = 100;

async function postgres(): Promise<{ knex: Knex; drop(): Promise<void> } | undefined> {
  const url = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432';
  const admin = knexFactory({ client: 'pg', connection: `${url}/postgres`, pool: { min: 0, max: 1 } });
  const name = `mlmon_bench_${process.pid}`;
  try {
    await admin.raw(`CREATE DATABASE ${name}`);
  } catch {
    await admin.destroy();
    return undefined;
  }
  const knex = knexFactory({ client: 'pg', connection: `${url}/${name}`, pool: { min: 1, max: 10 } });
  return {
    knex,
    async drop() {
      await knex.destroy();
      await admin.raw(`DROP DATABASE IF EXISTS ${name}`);
      await admin.destroy();
    },
  };
}

async function runOn(label: string, knex: Knex, dataRoot: string): Promise<{ results: LoadResult[]; overviewAwsCalls: number }> {
  const entities = benchEntities(MODELS);
  const now = new Date();
  const t0 = Date.now();
  const seeded = await seedBenchData(knex, entities, DAYS, now);
  console.log(`[${label}] seeded ${MODELS} snapshots and ${seeded.executions} executions in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const counter = countAwsCalls();
  const backend = await startTestBackend({
    features: [
      modelMonitoringPlugin,
      createServiceFactory({
        service: coreServices.database,
        deps: {},
        factory: () => ({ getClient: async () => knex, migrations: { skip: true } }),
      }),
      // Jobs and snapshot refreshes are not what is measured: their tasks are registered, not run.
      createServiceFactory({
        service: coreServices.scheduler,
        deps: {},
        factory: () =>
          ({
            scheduleTask: async () => undefined,
            createScheduledTaskRunner: () => ({ run: async () => undefined }),
            triggerTask: async () => undefined,
            getScheduledTasks: async () => [],
          }) as never,
      }),
      mockServices.rootConfig.factory({
        data: {
          aws: { accounts: [{ accountId: '123456789012', accessKeyId: 'BENCH', secretAccessKey: 'BENCH' }] },
          modelMonitoring: {
            sagemaker: { region: 'eu-west-1', reportPrefixes: ['s3://bench-reports/monitoring'] },
            builtin: {
              dataRoot,
              models: [
                {
                  entityRef: `component:default/${BENCH_MODEL}`,
                  endpointName: BENCH_MODEL,
                  schedules: [{ name: BENCH_SCHEDULE, monitorType: 'DataQuality', scheduleExpression: 'cron(0 * ? * * *)' }],
                },
              ],
            },
          },
        },
      }),
      createServiceFactory({ service: catalogServiceRef, deps: {}, factory: () => catalogServiceMock({ entities }) }),
    ],
  });
  const port = (backend.server.address() as AddressInfo).port;
  const authorization = mockCredentials.user.header('user:default/bench');
  const base = '/api/model-monitoring';
  const from = new Date(now.getTime() - DAYS * 86_400_000).toISOString();
  const results: LoadResult[] = [];
  const run = (route: string, p: string) =>
    loadRoute({ port, route, path: `${base}${p}`, authorization, concurrency: CONCURRENCY, total: REQUESTS });
  try {
    const before = counter.count();
    results.push(await run('/overview (sort=health, limit=50)', '/overview?limit=50'));
    results.push(await run('/overview (q=model-09, sort=lastRun)', '/overview?q=model-09&sort=lastRun&order=desc'));
    const overviewAwsCalls = counter.count() - before;
    results.push(await run('summary (builtin)', `/entities/default/component/${BENCH_MODEL}/summary`));
    // Without `to` the drift route is not cached: every request reads the 90 days from the database.
    results.push(await run('drift, 90 days, uncached', `/entities/default/component/${BENCH_MODEL}/drift?schedule=${BENCH_SCHEDULE}&from=${encodeURIComponent(from)}`));
    return { results, overviewAwsCalls };
  } finally {
    await backend.stop();
    counter.restore();
  }
}

function print(label: string, results: LoadResult[]): boolean {
  console.log(`\n${label}: ${CONCURRENCY} concurrent keep-alive clients, ${REQUESTS} requests per route`);
  console.log('route                                   p50 ms   p95 ms   p99 ms    req/s  failures');
  let ok = true;
  for (const r of results) {
    console.log(
      `${r.route.padEnd(38)} ${r.p50.toFixed(1).padStart(7)}  ${r.p95.toFixed(1).padStart(7)}  ${r.p99.toFixed(1).padStart(7)}  ${r.requestsPerSecond.toFixed(0).padStart(7)}  ${String(r.failures).padStart(8)}`,
    );
    if (r.failures > 0 || r.p95 >= TARGET_P95_MS) ok = false;
  }
  return ok;
}

/** Seeds, starts the plugin, loads its hot routes and prints latency figures; exit code 1 on a miss. */
export async function main(): Promise<number> {
  let ok = true;
  const dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'mlmon-bench-'));
  try {
    const sqlite = knexFactory({ client: 'better-sqlite3', connection: { filename: path.join(dataRoot, 'bench.sqlite') }, useNullAsDefault: true });
    try {
      const { results, overviewAwsCalls } = await runOn('SQLite', sqlite, dataRoot);
      ok = print('SQLite', results) && ok;
      console.log(`AWS SDK calls during the overview runs: ${overviewAwsCalls}`);
      if (overviewAwsCalls !== 0) ok = false;
    } finally {
      await sqlite.destroy();
    }
    const pg = await postgres();
    if (!pg) {
      console.log('\nPostgreSQL not reachable (BENCH_POSTGRES_URL or postgresql://postgres@127.0.0.1:5432): skipped');
    } else {
      try {
        const { results, overviewAwsCalls } = await runOn('PostgreSQL', pg.knex, dataRoot);
        ok = print('PostgreSQL', results) && ok;
        console.log(`AWS SDK calls during the overview runs: ${overviewAwsCalls}`);
        if (overviewAwsCalls !== 0) ok = false;
      } finally {
        await pg.drop();
      }
    }
  } finally {
    fs.rmSync(dataRoot, { recursive: true, force: true });
  }
  console.log(ok ? `\nOK: every route p95 < ${TARGET_P95_MS} ms, no failures, no AWS call from the overview` : '\nTARGET MISSED (see above)');
  return ok ? 0 : 1;
}
