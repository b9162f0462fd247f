import { ObjectNotFoundError, openObjectStore, readDatasetTable, type DatasetTable, type ObjectStore } from '@mlmon/monitor-engine';
import path from 'node:path';
import { writeDemoBaselines } from './demoBaselines';
import { writeDemoClarifyBaselines } from './demoClarifyBaselines';
import { DEMO_MODELS, type DemoModel } from './demoModels';
import { writeDemoTraffic, type DemoStores } from './demoTraffic';

const HOUR_MS = 3_600_000;
/** Bump when the demo's story changes, so an old data root is seeded again. */
export const DEMO_VERSION = 2;
export const MARKER_KEY = 'demo/seeded.json';
export const CURSOR_KEY = 'demo/live-cursor.json';

/** What the marker file records: the anchor the demo's episodes are placed around. */
export interface DemoMarker {
  version: number;
  anchor: string;
  seededAt: string;
  historyHours: number;
  models: string[];
}

export interface DemoSeedOptions {
  /** The built-in engine's data root (file:// or s3:// URL). */
  dataRoot: string;
  /** Folder of the demo data sets (demo/data). */
  datasetsDir: string;
  /** Hours of history before the current hour. */
  historyHours: number;
  now?: Date;
  models?: readonly DemoModel[];
}

export interface DemoSeedResult {
  seeded: boolean;
  marker: DemoMarker;
  records: number;
}

export function demoStores(root: ObjectStore): DemoStores {
  const base = root.url.replace(/\/+$/, '');
  return {
    capture: openObjectStore(`${base}/capture`),
    groundTruth: endpointName => openObjectStore(`${base}/ground-truth/${endpointName}`),
  };
}

export async function readJson<T>(store: ObjectStore, key: string): Promise<T | undefined> {
  try {
    return JSON.parse((await store.get(key)).toString('utf8')) as T;
  } catch (error) {
    if (error instanceof ObjectNotFoundError) return undefined;
    throw new Error(`${store.url}/${key}: ${(error as Error).message}`);
  }
}

export function loadDemoTables(datasetsDir: string, models: readonly DemoModel[]): Map<string, DatasetTable> {
  const tables = new Map<string, DatasetTable>();
  for (const model of models) {
    if (!tables.has(model.dataset)) tables.set(model.dataset, readDatasetTable(path.join(datasetsDir, model.dataset)));
  }
  return tables;
}

/**
 * Seeds the demo once per data root: baselines written with the engine and `historyHours` of
 * hourly traffic (and ground truth) up to the start of the current hour; the live traffic task
 * continues from there and the backend's scheduler backfills the executions. The marker is
 * written last, so an interrupted seed runs again (every write is deterministic, so a rerun
 * replaces files with the same bytes).
 */
export async function seedDemo(options: DemoSeedOptions): Promise<DemoSeedResult> {
  const root = openObjectStore(options.dataRoot);
  const models = options.models ?? DEMO_MODELS;
  const existing = await readJson<DemoMarker>(root, MARKER_KEY);
  if (existing && existing.version === DEMO_VERSION) return { seeded: false, marker: existing, records: 0 };

  const now = options.now ?? new Date();
  const currentHour = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
  const anchor = currentHour;
  const tables = loadDemoTables(options.datasetsDir, models);
  const stores = demoStores(root);
  const from = new Date(currentHour.getTime() - options.historyHours * HOUR_MS);
  const results = await Promise.all(
    models.map(async model => {
      const table = tables.get(model.dataset)!;
      await writeDemoBaselines(model, table, root);
      await writeDemoClarifyBaselines(model, table, root);
      return writeDemoTraffic({
        model,
        table,
        anchor,
        from,
        until: currentHour,
        stores,
        written: new Set(),
        fileMinutes: 10,
      });
    }),
  );
  const marker: DemoMarker = {
    version: DEMO_VERSION,
    anchor: anchor.toISOString(),
    seededAt: now.toISOString(),
    historyHours: options.historyHours,
    models: models.map(m => m.endpointName),
  };
  await root.put(CURSOR_KEY, JSON.stringify({ until: currentHour.toISOString() }));
  await root.put(MARKER_KEY, `${JSON.stringify(marker, null, 2)}\n`);
  return { seeded: true, marker, records: results.reduce((a, b) => a + b, 0) };
}
