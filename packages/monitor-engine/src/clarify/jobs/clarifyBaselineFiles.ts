import { z } from 'zod';
import { ObjectNotFoundError, type ObjectStore } from '../../storage/ObjectStore';
import { ClarifyAnalysis, parseClarifyAnalysis } from '../analysis/clarifyAnalysisSchema';
import { numericCell } from '../bias/biasAnalysisConfig';
import { FeatureRow } from '../attribution/explainer';
import { LinearModel } from '../attribution/linearModelExplainer';

/**
 * The files of a Clarify monitor's baseline folder: `analysis.json` (SageMaker's layout, written
 * by `mlmon suggest-baseline bias|feature-attribution` or by Clarify), and for the attribution
 * monitor the model's coefficients (`model.json`, the CLI's --linear-model format) and the SHAP
 * baseline rows (`shap_baseline.csv`, as Clarify's `methods.shap.baseline` file).
 */
export const ANALYSIS_FILE = 'analysis.json';
export const LINEAR_MODEL_FILE = 'model.json';
export const SHAP_BASELINE_FILE = 'shap_baseline.csv';

function location(store: ObjectStore, key: string): string {
  return `${store.url.replace(/\/+$/, '')}/${key}`;
}

async function optionalText(store: ObjectStore, key: string): Promise<string | undefined> {
  try {
    return (await store.get(key)).toString('utf8');
  } catch (error) {
    if (error instanceof ObjectNotFoundError) return undefined;
    throw error;
  }
}

/** The baseline's analysis.json; a missing file is an error naming where it was looked for. */
export async function loadClarifyBaseline(store: ObjectStore, kind: 'bias' | 'attribution'): Promise<ClarifyAnalysis> {
  const text = await optionalText(store, ANALYSIS_FILE);
  if (text === undefined) throw new Error(`Baseline analysis.json not found: ${location(store, ANALYSIS_FILE)}`);
  const analysis = parseClarifyAnalysis(text, location(store, ANALYSIS_FILE));
  if (kind === 'bias' && !analysis.post_training_bias_metrics) {
    throw new Error(`${location(store, ANALYSIS_FILE)} has no post_training_bias_metrics: it is not a bias baseline`);
  }
  if (kind === 'attribution' && !Object.keys(analysis.explanations?.kernel_shap ?? {}).length) {
    throw new Error(`${location(store, ANALYSIS_FILE)} has no explanations.kernel_shap: it is not a feature-attribution baseline`);
  }
  return analysis;
}

const linearModelFileSchema = z.object({
  kind: z.enum(['linear', 'logistic']),
  intercept: z.number(),
  weights: z.record(z.string(), z.number()),
});

/** Serialises a linear model in the file format read below. */
export function linearModelJson(model: LinearModel): string {
  const weights = Object.fromEntries(model.featureNames.map((f, i) => [f, model.weights[i]]));
  return `${JSON.stringify({ kind: model.kind, intercept: model.intercept, weights }, null, 2)}\n`;
}

/** `{"kind": "linear"|"logistic", "intercept": b, "weights": {feature: w}}` from the baseline folder. */
export async function loadLinearModel(store: ObjectStore, key = LINEAR_MODEL_FILE): Promise<LinearModel> {
  const where = location(store, key);
  const text = await optionalText(store, key);
  if (text === undefined) throw new Error(`Linear model not found: ${where}`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${where}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = linearModelFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${where}: field ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const featureNames = Object.keys(parsed.data.weights);
  if (featureNames.length === 0) throw new Error(`${where}: field weights: no feature has a weight`);
  return { kind: parsed.data.kind, intercept: parsed.data.intercept, featureNames, weights: featureNames.map(f => parsed.data.weights[f]) };
}

/**
 * The SHAP baseline rows (a CSV with a header naming the features; plain comma-separated cells)
 * for the given features, or undefined when the folder has no such file.
 */
export async function loadShapBaseline(
  store: ObjectStore,
  featureNames: readonly string[],
  key = SHAP_BASELINE_FILE,
): Promise<FeatureRow[] | undefined> {
  const where = location(store, key);
  const text = await optionalText(store, key);
  if (text === undefined) return undefined;
  const lines = text.split(/\r?\n/).filter(l => l.trim() !== '');
  if (lines.length < 2) throw new Error(`${where}: needs a header and at least one row`);
  const header = lines[0].split(',').map(h => h.trim());
  const indexes = featureNames.map(f => {
    const i = header.indexOf(f);
    if (i < 0) throw new Error(`${where}: no column ${f} (header: ${header.join(', ')})`);
    return i;
  });
  return lines.slice(1).map(line => {
    const cells = line.split(',');
    return indexes.map(i => numericCell(cells[i]) ?? cells[i]?.trim() ?? null);
  });
}

/** A SHAP baseline file of the given rows. */
export function shapBaselineCsv(featureNames: readonly string[], rows: readonly FeatureRow[]): string {
  return `${[featureNames.join(','), ...rows.map(r => r.map(v => (v === null || v === undefined ? '' : String(v))).join(','))].join('\n')}\n`;
}
