import { InputError } from '@backstage/errors';
import {
  DatasetError,
  DuckDbEngine,
  openObjectStore,
  suggestBaseline,
  suggestModelQualityBaseline,
  type ProblemType,
} from '@mlmon/monitor-engine';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Splits a baseline folder URL into its store and prefix (so both file:// and s3:// work). */
function storeOf(baselineUri: string) {
  const slash = baselineUri.indexOf('/', baselineUri.indexOf('://') + 3);
  const root = baselineUri.slice(0, slash);
  return { store: openObjectStore(root), prefix: baselineUri.slice(slash + 1) };
}

/** True when the folder already holds constraints.json (a retried task keeps it). */
export async function baselineExists(baselineUri: string): Promise<boolean> {
  const { store, prefix } = storeOf(baselineUri);
  return store.exists(`${prefix}/constraints.json`);
}

const reword = (field: string, error: unknown) =>
  error instanceof DatasetError || (error instanceof Error && /column|CSV|csv|header/.test(error.message))
    ? new InputError(`${field}: ${error.message}`)
    : error;

/**
 * The data-quality baseline (statistics.json, constraints.json) of a CSV data set with a header.
 * `excludeColumns` (the label, ids) are left out, as the captured input has no such columns.
 */
export async function writeDataQualityBaseline(options: {
  datasetPath: string;
  excludeColumns: string[];
  baselineUri: string;
  field: string;
}): Promise<{ features: number }> {
  const header = fs.readFileSync(options.datasetPath, 'utf8').split(/\r?\n/, 1)[0] ?? '';
  const columns = header.split(',').map(c => c.trim().replace(/^"|"$/g, ''));
  for (const column of options.excludeColumns) {
    if (!columns.includes(column)) {
      throw new InputError(`${options.field}: the data set has no column ${JSON.stringify(column)} (columns: ${columns.join(', ')})`);
    }
  }
  const engine = await DuckDbEngine.create({ threads: 1, memoryLimit: '512MB' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlmon-dq-baseline-'));
  try {
    let dataset = options.datasetPath;
    if (options.excludeColumns.length > 0) {
      // Project the kept columns with DuckDB's CSV reader (quoting-safe), into a new CSV.
      dataset = path.join(dir, 'features.csv');
      const kept = columns.filter(c => !options.excludeColumns.includes(c));
      const list = kept.map(c => `"${c.replace(/"/g, '""')}"`).join(', ');
      await engine.query(
        `COPY (SELECT ${list} FROM read_csv(?, header = true, all_varchar = true)) TO '${dataset.replace(/'/g, "''")}' (HEADER, DELIMITER ',')`,
        [options.datasetPath],
      );
    }
    const { store, prefix } = storeOf(options.baselineUri);
    const result = await suggestBaseline({
      engine,
      dataset: { path: dataset, format: 'csv', header: true },
      output: { store, prefix },
    });
    return { features: result.statistics.features.length };
  } catch (error) {
    throw reword(options.field, error);
  } finally {
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The model-quality baseline of a CSV with the ground truth and the model's predictions per row. */
export async function writeModelQualityBaseline(options: {
  datasetPath: string;
  problemType: ProblemType;
  groundTruthAttribute: string;
  inferenceAttribute?: string;
  probabilityAttribute?: string;
  probabilityThreshold?: number;
  baselineUri: string;
  field: string;
}): Promise<void> {
  const engine = await DuckDbEngine.create({ threads: 1, memoryLimit: '512MB' });
  try {
    await suggestModelQualityBaseline({
      engine,
      dataset: options.datasetPath,
      header: true,
      problemType: options.problemType,
      groundTruthAttribute: options.groundTruthAttribute,
      inferenceAttribute: options.inferenceAttribute,
      probabilityAttribute: options.probabilityAttribute,
      probabilityThreshold: options.probabilityThreshold,
      outputDir: options.baselineUri,
    });
  } catch (error) {
    throw error instanceof Error ? new InputError(`${options.field}: ${error.message}`) : error;
  } finally {
    await engine.close();
  }
}
