import { InputError } from '@backstage/errors';
import {
  LINEAR_MODEL_FILE,
  SHAP_BASELINE_FILE,
  explainFromOptions,
  explainabilityAnalysis,
  openObjectStore,
  sampleFeatureRows,
  shapBaselineCsv,
  summaryBackgroundRow,
  writeClarifyReport,
  type AttributionCliOptions,
} from '@mlmon/monitor-engine';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { csvColumns } from './writeClarifyBaselines';

/** Rows explained for the baseline, and the seed of their sample: the CLI's defaults, so both give the same file. */
const MAX_ROWS = 1000;
const SEED = 0;
const LABEL = 'label0';

function storeOf(baselineUri: string) {
  const slash = baselineUri.indexOf('/', baselineUri.indexOf('://') + 3);
  return {
    store: openObjectStore(baselineUri.slice(0, slash)),
    prefix: baselineUri.slice(slash + 1),
  };
}

/** The features of a model.json: the keys of its weights, checked as the engine reads them. */
function linearModelFeatures(modelPath: string, field: string): string[] {
  let parsed: { kind?: unknown; weights?: unknown };
  try {
    parsed = JSON.parse(fs.readFileSync(modelPath, 'utf8'));
  } catch (error) {
    throw new InputError(
      `${field}.modelFileUri: not valid JSON (${(error as Error).message})`,
    );
  }
  if (
    (parsed.kind !== 'linear' && parsed.kind !== 'logistic') ||
    !parsed.weights ||
    typeof parsed.weights !== 'object'
  ) {
    throw new InputError(
      `${field}.modelFileUri: expected {"kind": "linear"|"logistic", "intercept", "weights": {feature: w}}`,
    );
  }
  const features = Object.keys(parsed.weights);
  if (features.length === 0)
    throw new InputError(`${field}.modelFileUri: no feature has a weight`);
  return features;
}

export type AttributionSource =
  | { kind: 'linear'; modelPath: string }
  | { kind: 'captured'; attributionColumnPrefix: string };

/**
 * The feature-attribution baseline computed from a data set with the engine, as `mlmon
 * suggest-baseline feature-attribution` computes it (same sample, background and aggregation):
 * - linear: exact SHAP of the model.json over the data set's rows, against one background row
 *   of the data's means / most frequent values. That row is kept as shap_baseline.csv beside
 *   model.json, so each window is explained against the same background as the baseline;
 * - captured: the attributions the data set carries in columns `{prefix}{feature}` (e.g. the
 *   model's outputs over the validation set), aggregated the same way.
 * A column the computation needs and the data set lacks is an error naming it.
 */
export async function computeAttributionBaseline(options: {
  datasetPath: string;
  /** Model inputs (captured explainer: the features whose attributions are aggregated). */
  inputColumns: string[];
  source: AttributionSource;
  baselineUri: string;
  field: string;
  datasetField: string;
}): Promise<{ label: string; rowsExplained: number; rowsSeen: number }> {
  const { field, datasetField, source } = options;
  const columns = csvColumns(options.datasetPath);
  const features =
    source.kind === 'linear'
      ? linearModelFeatures(source.modelPath, field)
      : options.inputColumns;
  const needed =
    source.kind === 'linear'
      ? features
      : features.map(f => `${source.attributionColumnPrefix}${f}`);
  const missing = needed.filter(c => !columns.includes(c));
  if (missing.length > 0) {
    throw new InputError(
      `${datasetField}: the data set has no column ${missing
        .map(m => JSON.stringify(m))
        .join(', ')} (columns: ${columns.join(', ')})`,
    );
  }
  if (source.kind === 'linear') {
    const notInput = features.filter(f => !options.inputColumns.includes(f));
    if (notInput.length > 0) {
      throw new InputError(
        `${field}.modelFileUri: weights for ${notInput.join(
          ', ',
        )}, which are not model inputs (the training data set's columns without excludeColumns)`,
      );
    }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlmon-shap-baseline-'));
  try {
    const cli: AttributionCliOptions = {
      dataset: options.datasetPath,
      features,
      contentType: 'text/csv',
      probabilityAttribute: 'score',
      seed: SEED,
      maxRows: MAX_ROWS,
      shapLabel: LABEL,
      aggMethod: 'mean_abs',
    };
    let background: string | undefined;
    if (source.kind === 'linear') {
      // The background the CLI would derive itself (the summary row of the same sample), written
      // down so that the monitor's windows use it too.
      const sample = await sampleFeatureRows(options.datasetPath, features, {
        maxRows: MAX_ROWS,
        seed: SEED,
      });
      background = shapBaselineCsv(features, [
        summaryBackgroundRow(sample.rows, features.length),
      ]);
      fs.writeFileSync(path.join(dir, SHAP_BASELINE_FILE), background);
      cli.linearModel = source.modelPath;
      cli.background = path.join(dir, SHAP_BASELINE_FILE);
    } else {
      cli.attributionPrefix = source.attributionColumnPrefix;
    }
    let explained;
    try {
      explained = await explainFromOptions(cli);
    } catch (error) {
      throw new InputError(`${datasetField}: ${(error as Error).message}`);
    }
    const analysis = explainabilityAnalysis(explained.local, {
      label: LABEL,
      aggregation: 'mean_abs',
    });
    const { store, prefix } = storeOf(options.baselineUri);
    if (source.kind === 'linear') {
      await store.put(
        `${prefix}/${LINEAR_MODEL_FILE}`,
        fs.readFileSync(source.modelPath),
      );
      await store.put(
        `${prefix}/${SHAP_BASELINE_FILE}`,
        Buffer.from(background!),
      );
    }
    // analysis.json last: its presence is what tells a retried task the baseline is complete.
    await writeClarifyReport(store, prefix, { analysis });
    return {
      label: LABEL,
      rowsExplained: explained.local.values.length,
      rowsSeen: explained.seen,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
