import { openObjectStore, type DatasetTable, type ObjectStore } from '@mlmon/monitor-engine';
import type { DemoModel } from './demoModels';
import { writeDemoTraffic } from './demoTraffic';
import { CURSOR_KEY, demoStores, readJson } from './seedDemo';

const HOUR_MS = 3_600_000;
/** After a long stop, at most this much missed traffic is filled in. */
const MAX_GAP_MS = 48 * HOUR_MS;

/**
 * New traffic while the portal runs: each tick appends the capture (and ground truth) of the
 * minutes that ended since the last tick, so statuses and charts move. A cursor in the data root
 * remembers how far traffic was written, so a restart fills the gap (up to two days).
 */
export class LiveDemoTraffic {
  private readonly root: ObjectStore;
  private readonly written = new Set<string>();

  constructor(
    dataRoot: string,
    private readonly models: readonly DemoModel[],
    private readonly tables: Map<string, DatasetTable>,
    private readonly anchor: Date,
  ) {
    this.root = openObjectStore(dataRoot);
  }

  /** Writes traffic up to `now`; returns the new cursor. */
  async tick(now = new Date()): Promise<Date> {
    const cursor = await readJson<{ until?: string }>(this.root, CURSOR_KEY);
    const last = cursor?.until ? new Date(cursor.until).getTime() : now.getTime() - HOUR_MS;
    const from = new Date(Math.max(Number.isFinite(last) ? last : 0, now.getTime() - MAX_GAP_MS));
    const stores = demoStores(this.root);
    for (const model of this.models) {
      await writeDemoTraffic({
        model,
        table: this.tables.get(model.dataset)!,
        anchor: this.anchor,
        from,
        until: now,
        stores,
        written: this.written,
        fileMinutes: 1,
      });
    }
    await this.root.put(CURSOR_KEY, JSON.stringify({ until: now.toISOString() }));
    return now;
  }
}
