import { InputError } from '@backstage/errors';
import {
  DuckDbEngine,
  fileRelation,
  openObjectStore,
  parseClarifyAnalysis,
  runBiasAnalysis,
  writeClarifyReport,
  type BiasAnalysisConfig,
} from '@mlmon/monitor-engine';
import fs from 'node:fs';

/** Splits a baseline folder URL into its store and prefix (file:// and s3://). */
function storeOf(baselineUri: string) {
  const slash = baselineUri.indexOf('/', baselineUri.indexOf('://') + 3);
  return { store: openObjectStore(baselineUri.slice(0, slash)), prefix: baselineUri.slice(slash + 1) };
}

/** True when a Clarify baseline folder already holds analysis.json (a retried task keeps it). */
export async function clarifyBaselineExists(baselineUri: string): Promise<boolean> {
  const { store, prefix } = storeOf(baselineUri);
  return store.exists(`${prefix}/analysis.json`);
}

/** The column names of a CSV data set's header. */
export function csvColumns(datasetPath: string): string[] {
  const header = fs.readFileSync(datasetPath, 'utf8').split(/\r?\n/, 1)[0] ?? '';
  return header.split(',').map(c => c.trim().replace(/^"|"$/g, '')).filter(Boolean);
}

/**
 * The bias-drift baseline (Clarify's post-training analysis.json, as `mlmon suggest-baseline
 * bias` writes it) of a CSV holding the features, the label and the trained model's prediction
 * per row. Columns the configuration names must exist: the error says which is missing.
 */
export async function writeBiasBaseline(options: {
  datasetPath: string;
  config: BiasAnalysisConfig;
  baselineUri: string;
  field: string;
}): Promise<{ rowsUsed: number }> {
  const columns = csvColumns(options.datasetPath);
  const { facet, label, prediction } = options.config;
  for (const [what, column] of [['facet', facet.column], ['label', label.column], ['predictionColumn', prediction.column]] as const) {
    if (!columns.includes(column)) {
      throw new InputError(`${options.field}: the data set has no ${what} column ${JSON.stringify(column)} (columns: ${columns.join(', ')})`);
    }
  }
  const engine = await DuckDbEngine.create({ threads: 1, memoryLimit: '512MB' });
  try {
    const { analysis, tally } = await runBiasAnalysis({ engine, relation: fileRelation(options.datasetPath, 'csv'), config: options.config });
    if (tally.rowsUsed === 0) {
      throw new InputError(`${options.field}: no row has a usable facet, label and prediction (skipped: ${JSON.stringify(tally.rowsSkipped)})`);
    }
    const { store, prefix } = storeOf(options.baselineUri);
    await writeClarifyReport(store, prefix, { analysis });
    return { rowsUsed: tally.rowsUsed };
  } finally {
    await engine.close();
  }
}

/**
 * The feature-attribution baseline: an explainability analysis.json the user computed (with
 * `mlmon suggest-baseline feature-attribution` or SageMaker Clarify), checked and copied into
 * the baseline folder, with the linear explainer's model.json beside it.
 */
export async function writeAttributionBaseline(options: {
  analysisPath: string;
  modelPath?: string;
  baselineUri: string;
  field: string;
}): Promise<{ label: string }> {
  const text = fs.readFileSync(options.analysisPath, 'utf8');
  let label: string | undefined;
  try {
    label = Object.keys(parseClarifyAnalysis(text, 'analysis.json').explanations?.kernel_shap ?? {})[0];
  } catch (error) {
    throw new InputError(`${options.field}.baselineAnalysisUri: ${(error as Error).message}`);
  }
  if (!label) throw new InputError(`${options.field}.baselineAnalysisUri: has no explanations.kernel_shap; it is not a feature-attribution analysis.json`);
  const { store, prefix } = storeOf(options.baselineUri);
  if (options.modelPath) {
    const model = fs.readFileSync(options.modelPath, 'utf8');
    try {
      const parsed = JSON.parse(model) as { kind?: unknown; weights?: unknown };
      if ((parsed.kind !== 'linear' && parsed.kind !== 'logistic') || typeof parsed.weights !== 'object') throw new Error('expected {"kind": "linear"|"logistic", "intercept", "weights"}');
    } catch (error) {
      throw new InputError(`${options.field}.modelFileUri: ${(error as Error).message}`);
    }
    await store.put(`${prefix}/model.json`, Buffer.from(model));
  }
  await store.put(`${prefix}/analysis.json`, Buffer.from(text));
  return { label };
}
