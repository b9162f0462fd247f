import type { SqlEngine } from '../sql/SqlEngine';
import type { Constraints } from '../formats/constraints';
import { writeConstraints } from '../formats/constraints';
import type { Statistics } from '../formats/statistics';
import { writeStatistics } from '../formats/statistics';
import { ReportOutput, writeOutputFiles } from '../dataQuality/reportOutput';
import { profileTable } from './columnProfiler';
import { DatasetSource, loadDataset } from './datasetTable';
import { suggestConstraints } from './suggestConstraints';

/** Where to write statistics.json and constraints.json. */
export type BaselineOutput = ReportOutput;

export interface SuggestBaselineOptions {
  engine: SqlEngine;
  dataset: DatasetSource;
  /** Omit to only compute the result. */
  output?: BaselineOutput;
}

export interface BaselineResult {
  statistics: Statistics;
  constraints: Constraints;
  /** Where the files were written (URLs or paths), when an output was given. */
  written: string[];
}

let tableCounter = 0;

/**
 * SageMaker's "suggest baseline" job: profiles a CSV or JSON Lines data set into
 * statistics.json and suggests constraints.json from it.
 */
export async function suggestBaseline(
  options: SuggestBaselineOptions,
): Promise<BaselineResult> {
  const tableName = `baseline_dataset_${++tableCounter}`;
  const table = await loadDataset(options.engine, options.dataset, tableName);
  try {
    const { statistics } = await profileTable(options.engine, table);
    const constraints = suggestConstraints(statistics);
    const written = options.output
      ? await writeBaselineFiles(options.output, statistics, constraints)
      : [];
    return { statistics, constraints, written };
  } finally {
    await options.engine.query(`DROP TABLE IF EXISTS ${tableName}`);
  }
}

/** Writes statistics.json and constraints.json; returns their locations. */
export async function writeBaselineFiles(
  output: BaselineOutput,
  statistics: Statistics,
  constraints: Constraints,
): Promise<string[]> {
  return writeOutputFiles(output, [
    ['statistics.json', writeStatistics(statistics)],
    ['constraints.json', writeConstraints(constraints)],
  ]);
}
