import {
  hourOfKey,
  simulateTraffic,
  type DatasetTable,
  type ObjectInfo,
  type ObjectStore,
} from '@mlmon/monitor-engine';
import type { DemoModel } from './demoModels';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** Where the demo writes: the capture root and, per endpoint, its ground-truth root. */
export interface DemoStores {
  capture: ObjectStore;
  groundTruth: (endpointName: string) => ObjectStore;
}

/** The time a capture or ground-truth file starts at: its hour folder plus `MM-SS-mmm-` of its name. */
export function fileStartTime(key: string): Date | undefined {
  const hour = hourOfKey(key);
  const match = /\/(\d{2})-(\d{2})-(\d{3})-[^/]*\.jsonl$/.exec(key);
  if (!hour || !match) return undefined;
  const [, mm, ss, ms] = match.map(Number);
  return new Date(hour.getTime() + mm * MINUTE_MS + ss * 1000 + ms);
}

/**
 * Passes on only the files of minutes that have ended by `cutoff` and that were not written
 * before, so that regenerating an hour (deterministically, same bytes) appends what is new and
 * never shows traffic from the future.
 */
class CompletedMinutesStore implements ObjectStore {
  constructor(
    private readonly target: ObjectStore,
    private readonly cutoff: number,
    private readonly fileMs: number,
    private readonly written: Set<string>,
  ) {}
  get url() {
    return this.target.url;
  }
  async put(key: string, body: Buffer | string): Promise<void> {
    const start = fileStartTime(key);
    // A file holds the traffic of one chunk of fileMinutes: it is complete when its chunk is.
    if (!start || Math.floor(start.getTime() / this.fileMs) * this.fileMs + this.fileMs > this.cutoff) return;
    const id = `${this.target.url}/${key}`;
    if (this.written.has(id)) return;
    await this.target.put(key, body);
    this.written.add(id);
  }
  get(key: string): Promise<Buffer> {
    return this.target.get(key);
  }
  list(prefix: string): AsyncIterable<ObjectInfo> {
    return this.target.list(prefix);
  }
  exists(key: string): Promise<boolean> {
    return this.target.exists(key);
  }
  delete(key: string): Promise<void> {
    return this.target.delete(key);
  }
  localPath(key: string): string | undefined {
    return this.target.localPath(key);
  }
}

/** A stable seed per model and hour: the same hour always gets the same records. */
function hourSeed(endpointName: string, hourStart: number): number {
  let h = 2166136261;
  for (const c of endpointName) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return ((h ^ Math.floor(hourStart / HOUR_MS)) >>> 0) || 1;
}

export interface DemoTrafficRequest {
  model: DemoModel;
  table: DatasetTable;
  anchor: Date;
  /** First hour to write (floored to the hour). */
  from: Date;
  /** Nothing at or after this time is written. */
  until: Date;
  stores: DemoStores;
  /** Keys already written by this process (files are rewritten at most once per process). */
  written: Set<string>;
  /** Minutes per file: 1 (as SageMaker) for live traffic; more makes the history's files fewer. */
  fileMinutes?: number;
}

/**
 * Writes the model's captured traffic and ground truth for the hours in [from, until); returns
 * how many records those hours hold (including any already written before).
 */
export async function writeDemoTraffic(request: DemoTrafficRequest): Promise<number> {
  const { model, anchor, stores, written } = request;
  const cutoff = request.until.getTime();
  const fileMinutes = request.fileMinutes ?? 1;
  const fileMs = fileMinutes * MINUTE_MS;
  const capture = new CompletedMinutesStore(stores.capture, cutoff, fileMs, written);
  const truth = model.modelQuality
    ? new CompletedMinutesStore(stores.groundTruth(model.endpointName), cutoff, fileMs, written)
    : undefined;
  let records = 0;
  for (let hour = Math.floor(request.from.getTime() / HOUR_MS) * HOUR_MS; hour < cutoff; hour += HOUR_MS) {
    const result = await simulateTraffic({
      dataset: request.table,
      endpoint: model.endpointName,
      output: capture,
      groundTruth: truth,
      start: new Date(hour),
      hours: 1,
      ratePerHour: model.ratePerHour,
      seed: hourSeed(model.endpointName, hour),
      label: model.label,
      drift: model.drift?.(anchor),
      degrade: model.degrade?.(anchor),
      bias: model.bias?.(anchor),
      fileMinutes,
    });
    records += result.captureRecords;
  }
  return records;
}
