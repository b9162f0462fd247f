import type { SqlEngine } from '../sql/SqlEngine';
import type { ProfiledTable } from '../baseline/columnProfiler';
import { numberFromTextSql, valueTypeCodeSql } from '../baseline/dataTypes';
import type { CaptureScan } from '../capture/captureWindowTable';

/**
 * Copies the window's records into the typed long table the profiler reads, one row per value
 * (rid, i, v, t, d), and names the captured columns after the baseline, as SageMaker's analyzer does ("Using baseline
 * columns: …"): the model output first (output_columns_position START), then the inputs. A
 * baseline without the output column matches the inputs alone. Columns beyond the baseline are
 * named _c{index}, so they show up as extra columns; baseline columns that are not captured
 * show up as missing.
 */
export interface WindowColumns {
  table: ProfiledTable;
  includesOutput: boolean;
  /** Drops the window's table. */
  release(): Promise<void>;
}

let counter = 0;

export async function createWindowTable(
  engine: SqlEngine,
  scan: CaptureScan,
  baselineNames: readonly string[],
): Promise<WindowColumns> {
  const { inputColumns, outputColumns } = scan;
  const includesOutput =
    outputColumns > 0 && baselineNames.length !== inputColumns;
  const width = inputColumns + (includesOutput ? outputColumns : 0);
  const names = [...Array(width).keys()].map(i => baselineNames[i] ?? `_c${i}`);
  const view = `capture_window_${++counter}`;
  // The one copy of the window's values, typed once, decoded straight from the files in the
  // same single pass: every profiling scan reads this table. It is written in capture order
  // without numbering (a window function would serialise the decoding); DuckDB keeps insertion
  // order, and every record has `width` values, so the record id and the column index follow
  // from the row id. Only what cannot be recomputed cheaply is stored (the text and its type
  // code, 17 bytes a value); the number is cast again by each scan, which costs less than
  // keeping 8 more bytes per value.
  const values = `${view}_values`;
  const source = scan.values(includesOutput);
  await engine.query(
    `CREATE OR REPLACE TEMP TABLE ${values} AS
     SELECT v, ${valueTypeCodeSql('v')}::UTINYINT AS t FROM (${source.sql})`,
    source.params,
  );
  await engine.query(
    `CREATE OR REPLACE TEMP VIEW ${view} AS
     SELECT rowid // ${width} AS rid, (rowid % ${width})::INTEGER AS i, v, t,
            ${numberFromTextSql('v')} AS d
     FROM ${values}`,
  );
  const release = async () => {
    await engine.query(`DROP VIEW IF EXISTS ${view}`);
    await engine.query(`DROP TABLE IF EXISTS ${values}`);
  };
  return { table: { name: view, names, typed: true }, includesOutput, release };
}
