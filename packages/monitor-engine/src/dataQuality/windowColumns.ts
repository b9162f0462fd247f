import type { SqlEngine } from '../sql/SqlEngine';
import {
  ProfiledTable,
  typedValueColumnsSql,
} from '../baseline/columnProfiler';
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
  // The output width is a count computed by the engine, inlined as a literal.
  const values = includesOutput
    ? `list_concat(list_resize(coalesce(out_vals, []::VARCHAR[]), ${Math.trunc(
        outputColumns,
      )}), in_vals)`
    : 'in_vals';
  // The one copy of the window's values, typed once: every profiling scan reads this table.
  await engine.query(
    `CREATE OR REPLACE TEMP TABLE ${view} AS
     SELECT rid, i, v, ${typedValueColumnsSql('v')}
     FROM (SELECT rid, unnest(range(len(vals)))::INTEGER AS i, unnest(vals) AS v
           FROM (SELECT rid, ${values} AS vals FROM ${scan.recordsTable}))`,
  );
  return { table: { name: view, names, typed: true }, includesOutput };
}
