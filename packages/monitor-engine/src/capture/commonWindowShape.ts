import type { SqlEngine } from '../sql/SqlEngine';
import type { CaptureFile } from './captureWindowTable';
import { FirstRequestShape, firstRequestShapeSql } from './regularWindowSql';

/**
 * The common shape the fast reads of a window expect, from its first request: CSV input of
 * `w` values (and CSV output of `ow`), and the columns' names. Undefined when the first request
 * is not of such a shape: the window is then read the general way.
 */
export interface CommonWindowShape {
  first: FirstRequestShape;
  w: number;
  ow: number;
  /** The output is a column of its own unless the baseline has exactly the input columns. */
  includesOutput: boolean;
  /** Baseline names by column, `_c{i}` beyond them (the general path's rule). */
  names: string[];
}

export async function commonWindowShape(
  engine: SqlEngine,
  files: readonly CaptureFile[],
  baselineNames: readonly string[],
): Promise<CommonWindowShape | undefined> {
  if (files.length === 0) return undefined;
  const [first] = await engine.query<FirstRequestShape>(
    firstRequestShapeSql(files.length),
    files.map(f => f.path),
  );
  const [w, ow] = [Number(first?.w ?? 0), Number(first?.ow ?? -1)];
  if (!first?.csv_in || !first.csv_out || !(w > 0) || !(ow >= 0))
    return undefined;
  const includesOutput = ow > 0 && baselineNames.length !== w;
  const width = w + (includesOutput ? ow : 0);
  const names = [...Array(width).keys()].map(i => baselineNames[i] ?? `_c${i}`);
  return { first, w, ow, includesOutput, names };
}
