import fs from 'node:fs';
import type { SqlEngine } from '../sql/SqlEngine';
import type { ProfiledTable } from '../baseline/columnProfiler';
import {
  wideNumberColumn,
  wideTypeColumn,
  wideValueColumn,
} from '../baseline/wideProfiler';
import { CaptureFile, CaptureScanReport } from './captureWindowTable';
import { cleanScanReport } from './cleanScanReport';
import {
  ColumnStorage,
  regularWindowSql,
  storageCheckSql,
} from './regularWindowSql';
import { commonWindowShape } from './commonWindowShape';

/**
 * The fast path of a capture window: when every request has the common shape (see
 * regularWindowSql.ts), the files are read once, straight into a wide table (one row per
 * record, a text and a type-code column per value) that the wide profiler reads. Counting,
 * decoding and typing happen in that same pass. Any other window (malformed lines, other
 * encodings, several records per request, other widths, requests outside the window) is left
 * to the general scan, which counts and describes every problem: this path gives up, it never
 * reports.
 */
export interface RegularWindow {
  /** The wide table (rid, and t{j}, d{j}, c{j} per column); `wide` is set. */
  table: ProfiledTable;
  includesOutput: boolean;
  inputColumns: number;
  outputColumns: number;
  report: CaptureScanReport;
  release(): Promise<void>;
}

let counter = 0;
const DATABASE = 'mlmon_windows';
/** Capture bytes read per batch: about 300,000 records, 40 MB of values before compression. */
const BATCH_BYTES = 128 * 1024 * 1024;

/** Compresses what was written (and frees what was dropped) in the windows' database. */
async function checkpoint(engine: SqlEngine) {
  try {
    await engine.query(`CHECKPOINT ${DATABASE}`);
  } catch {
    // Only saves memory: the tables are read the same without it.
  }
}

/** Consecutive files (capture order is kept) of about BATCH_BYTES each. */
function fileBatches(paths: readonly string[]): string[][] {
  const batches: string[][] = [];
  let bytes = Infinity;
  for (const p of paths) {
    if (bytes >= BATCH_BYTES) {
      batches.push([]);
      bytes = 0;
    }
    batches[batches.length - 1].push(p);
    try {
      bytes += fs.statSync(p).size;
    } catch {
      // Unreadable here: DuckDB reports it when reading.
    }
  }
  return batches;
}

/**
 * Reads a window of the common shape into a wide table named after the baseline columns (as
 * createWindowTable does for the general path); undefined when the window is not all of the
 * common shape.
 */
export async function createRegularWindowTable(
  engine: SqlEngine,
  files: readonly CaptureFile[],
  window: { start: Date; end: Date },
  baselineNames: readonly string[],
  /** Columns whose every text is needed (value-domain checks), numbers included. */
  textColumns: ReadonlySet<string> = new Set(),
): Promise<RegularWindow | undefined> {
  const shape = await commonWindowShape(engine, files, baselineNames);
  if (!shape) return undefined;
  const { first, w, ow, includesOutput, names } = shape;
  const paths = files.map(f => f.path);

  // The table lives in an in-memory database of its own that compresses on checkpoint:
  // numbers take a few bytes each instead of eight, type codes almost nothing. It is filled a
  // batch of files at a time, each compressed before the next is read, so the window's memory
  // grows by its compressed size only.
  await engine.query(
    `ATTACH IF NOT EXISTS ':memory:' AS ${DATABASE} (COMPRESS)`,
  );
  // One table per batch (CREATE TABLE AS reads in parallel, INSERT INTO a filled table on one
  // thread) and a view of them all, records numbered across batches in capture order.
  const name = `${DATABASE}.regular_window_${++counter}`;
  const parts: string[] = [];
  const release = async () => {
    await engine.query(`DROP VIEW IF EXISTS ${name}`);
    for (const part of parts)
      await engine.query(`DROP TABLE IF EXISTS ${part}`);
    await checkpoint(engine);
  };
  const codes = [
    ...(includesOutput ? first.out_codes ?? [] : []),
    ...(first.in_codes ?? []),
  ];
  const storage: ColumnStorage[] = names.map((column, j) => {
    if (textColumns.has(column)) return 'all';
    if (codes[j] === 1 || codes[j] === 2) return 'number';
    if (codes[j] === 3 || codes[j] === 4) return 'text';
    return 'both';
  });
  // The view gives every column all three names; what a storage does not keep is NULL.
  const columns = storage
    .map((kind, j) =>
      [
        wideTypeColumn(j),
        kind === 'text'
          ? `NULL::DOUBLE AS ${wideNumberColumn(j)}`
          : wideNumberColumn(j),
        kind === 'number'
          ? `NULL::VARCHAR AS ${wideValueColumn(j)}`
          : wideValueColumn(j),
      ].join(', '),
    )
    .join(', ');
  const numbered: string[] = [];
  let offset = 0;
  try {
    for (const batch of fileBatches(paths)) {
      const part = `${name}_${parts.length}`;
      parts.push(part);
      const rows = regularWindowSql(
        first,
        batch,
        window,
        includesOutput,
        storage,
      );
      await engine.query(`CREATE TABLE ${part} AS ${rows.sql}`, rows.params);
      // A request of another shape sends the window the general way: no need to read on.
      const [batchCounts] = await engine.query<{
        n: number;
        irregular: number;
      }>(
        `SELECT count(*) AS n, count_if(NOT regular) AS irregular FROM ${part}`,
      );
      if (Number(batchCounts.irregular) > 0) {
        await release();
        return undefined;
      }
      numbered.push(`SELECT rowid + ${offset} AS rid, ${columns} FROM ${part}`);
      offset += Number(batchCounts.n);
      await checkpoint(engine);
    }
    await engine.query(
      `CREATE VIEW ${name} AS ${numbered.join(' UNION ALL ')}`,
    );
    // Whether each column's values matched the storage chosen from the first request; if
    // not (a column of numbers with a text further on, say), the window goes the general way.
    const [check] = await engine.query<{ stored: boolean | null }>(
      `SELECT ${storageCheckSql(storage)} AS stored FROM ${name}`,
    );
    if (offset === 0 || !check?.stored) {
      await release();
      return undefined;
    }
  } catch {
    // Whatever this path cannot read, the general scan reads or reports.
    await release();
    return undefined;
  }
  const n = offset;
  return {
    table: { name, names, wide: true },
    includesOutput,
    inputColumns: w,
    outputColumns: ow,
    report: cleanScanReport(files.length, n),
    release,
  };
}
