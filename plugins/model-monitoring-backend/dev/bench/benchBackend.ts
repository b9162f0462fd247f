import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import knexFactory, { type Knex } from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { modelMonitoringPlugin } from '../../src/plugin';
import { countAwsCalls } from './awsCallCounter';
import { loadRoute, type LoadResult } from './loadTest';
import { BENCH_MODEL, BENCH_SCHEDULE, benchEntities, seedBenchData } from './seedBenchData';

const MODELS = 1000;
const DAYS = 90;
const CONCURRENCY = 50;
const REQUESTS = 2000;
const TARGET_P95_MS = 100;
const REQUEST_TIMEOUT_MS = 30_000;
// Distinct signed-in users of the "many users" overview run: each first page view of a user
// misses the per-caller cache of visible entities and asks the catalog.
const DISTINCT_USERS = 200;
// Runs whose every request misses the response cache: printed, but not held to the target
// (see print()).
const COLD_LABEL = 'cold: ';
const COLD_REQUESTS = 300;

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
  console.log(`[${label}] seeded ${MODELS} snapshots and ${seeded.executions} executions in ${((Date.now() - t0) / 1000).toFixed(1)} s (${machineLoad()})`);
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
  const manyUsers = Array.from({ length: DISTINCT_USERS }, (_, i) => mockCredentials.user.header(`user:default/bench-${i}`));
  const base = '/api/model-monitoring';
  const from = new Date(now.getTime() - DAYS * 86_400_000).toISOString();
  const results: LoadResult[] = [];
  // BENCH_ROUTES=<regular expression> runs only the routes whose label matches (for profiling).
  const only = new RegExp(process.env.BENCH_ROUTES ?? '.');
  const run = async (route: string, p: string | string[], authorizations = [authorization], total = REQUESTS) => {
    if (!only.test(route)) return;
    const paths = (Array.isArray(p) ? p : [p]).map(x => `${base}${x}`);
    // Busy time of the server's event loop per request: unlike latencies, it barely moves when
    // other processes compete for the machine's cores.
    const before = performance.eventLoopUtilization();
    const result = await loadRoute({ port, route, paths, authorizations, concurrency: CONCURRENCY, total, timeoutMs: REQUEST_TIMEOUT_MS });
    const busy = performance.eventLoopUtilization(before);
    results.push({ ...result, serverBusyMsPerRequest: busy.active / result.requests });
  };
  try {
    const before = counter.count();
    await run('/overview (sort=health, limit=50)', '/overview?limit=50');
    await run('/overview (q=model-09, sort=lastRun)', '/overview?q=model-09&sort=lastRun&order=desc');
    await run(`/overview (${DISTINCT_USERS} distinct users)`, '/overview?limit=50', manyUsers);
    // Every request another page: each misses the response cache and queries the snapshots.
    const pages = Array.from({ length: COLD_REQUESTS }, (_, i) => `/overview?limit=50&offset=${i}&sort=${i % 2 ? 'lastRun' : 'title'}`);
    await run(`${COLD_LABEL}/overview, no cache`, pages, [authorization], COLD_REQUESTS);
    const overviewAwsCalls = counter.count() - before;
    await run('summary (builtin)', `/entities/default/component/${BENCH_MODEL}/summary`);
    const drift = (since: string) => `/entities/default/component/${BENCH_MODEL}/drift?schedule=${BENCH_SCHEDULE}&from=${encodeURIComponent(since)}`;
    // Open towards now, as the model page asks: cached after authorization, 30 s at most.
    await run('drift, 90 days', drift(from));
    if (only.test('drift, 90 days')) await describeDrift(`http://127.0.0.1:${port}${base}${drift(from)}`, authorization);
    // Every request another range: nothing is cached, each reads ~17,000 numbers and
    // downsamples them to at most 500 points per series.
    const cold = Array.from({ length: COLD_REQUESTS }, (_, i) => drift(new Date(Date.parse(from) + i * 1000).toISOString()));
    await run(`${COLD_LABEL}drift, 90 days, no cache`, cold, [authorization], COLD_REQUESTS);
    return { results, overviewAwsCalls };
  } finally {
    await backend.stop();
    counter.restore();
  }
}

/** Prints what one drift answer holds: how many points, at which bucket width, how many bytes. */
async function describeDrift(url: string, authorization: string): Promise<void> {
  const response = await fetch(url, { headers: { authorization } });
  const text = await response.text();
  const body = JSON.parse(text) as { series: Array<{ points: unknown[] }>; bucketSeconds?: number };
  const points = body.series[0]?.points.length ?? 0;
  const bucket = body.bucketSeconds ? `peak per ${body.bucketSeconds / 3600} h bucket` : 'one per window';
  console.log(`  (drift answer: ${body.series.length} series × ${points} points, ${bucket}, ${(text.length / 1024).toFixed(0)} KB)`);
}

/** The machine's 1-minute load average and cores: latencies of a busy machine are not this code's. */
function machineLoad(): string {
  return `load ${os.loadavg()[0].toFixed(2)} on ${os.cpus().length} cores`;
}

function print(label: string, results: LoadResult[]): boolean {
  console.log(`\n${label}: ${CONCURRENCY} concurrent keep-alive clients in a worker thread, ${REQUESTS} requests per route (${machineLoad()} at the end)`);
  console.log('route                                   p50 ms   p95 ms   p99 ms    req/s  failures  server ms/req');
  let ok = true;
  for (const r of results) {
    console.log(
      `${r.route.padEnd(38)} ${r.p50.toFixed(1).padStart(7)}  ${r.p95.toFixed(1).padStart(7)}  ${r.p99.toFixed(1).padStart(7)}  ${r.requestsPerSecond.toFixed(0).padStart(7)}  ${String(r.failures).padStart(8)}  ${(r.serverBusyMsPerRequest ?? NaN).toFixed(2).padStart(13)}`,
    );
    if (r.failureReasons.length) console.log(`  failures: ${r.failureReasons.join(', ')}`);
    // A cold run shows the cost of the work behind the cache; it fails only on failed requests.
    if (r.failures > 0 || (r.p95 >= TARGET_P95_MS && !r.route.startsWith(COLD_LABEL))) ok = false;
  }
  return ok;
}

function report(label: string, outcome: { results: LoadResult[]; overviewAwsCalls: number }): boolean {
  const ok = print(label, outcome.results);
  console.log(`AWS SDK calls during the overview runs: ${outcome.overviewAwsCalls}`);
  return ok && outcome.overviewAwsCalls === 0;
}

async function benchSqlite(dataRoot: string): Promise<boolean> {
  const sqlite = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: path.join(dataRoot, 'bench.sqlite') },
    useNullAsDefault: true,
  });
  try {
    return report('SQLite', await runOn('SQLite', sqlite, dataRoot));
  } finally {
    await sqlite.destroy();
  }
}

async function benchPostgres(dataRoot: string): Promise<boolean> {
  const pg = await postgres();
  if (!pg) {
    console.log('\nPostgreSQL not reachable (BENCH_POSTGRES_URL or postgresql://postgres@127.0.0.1:5432): skipped');
    return true;
  }
  try {
    return report('PostgreSQL', await runOn('PostgreSQL', pg.knex, dataRoot));
  } finally {
    await pg.drop();
  }
}

/**
 * Seeds, starts the plugin, loads its hot routes and prints latency figures; exit code 1 on a
 * miss. BENCH_DB=sqlite or BENCH_DB=postgres runs one database only.
 */
export async function main(): Promise<number> {
  const only = process.env.BENCH_DB;
  let ok = true;
  const dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'mlmon-bench-'));
  try {
    if (only !== 'postgres') ok = (await benchSqlite(dataRoot)) && ok;
    if (only !== 'sqlite') ok = (await benchPostgres(dataRoot)) && ok;
  } finally {
    fs.rmSync(dataRoot, { recursive: true, force: true });
  }
  console.log(ok ? `\nOK: every route p95 < ${TARGET_P95_MS} ms, no failures, no AWS call from the overview` : '\nTARGET MISSED (see above)');
  return ok ? 0 : 1;
}
