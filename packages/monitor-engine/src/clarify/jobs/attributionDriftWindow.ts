import type { ObjectStore } from '../../storage/ObjectStore';
import { quoteIdentifier } from '../../sql/sqlText';
import { ClarifyAnalysis } from '../analysis/clarifyAnalysisSchema';
import { numericCell } from '../bias/biasAnalysisConfig';
import { capturedAttributions } from '../attribution/capturedAttributions';
import { AttributionOutputSpace, Explainer, FeatureRow, LocalAttributions } from '../attribution/explainer';
import { httpModelInvoker } from '../attribution/httpModelInvoker';
import { KernelShapExplainer } from '../attribution/kernelShapExplainer';
import { LinearModel, LinearModelExplainer } from '../attribution/linearModelExplainer';
import { attributionDriftFromLocal } from './attributionJobs';
import { loadClarifyBaseline } from './clarifyBaselineFiles';
import { ClarifyWindowExecution, completeClarifyExecution, failedExecution, recordOpenedWindow } from './clarifyWindowExecution';
import { ClarifyWindowOptions, createClarifyWindowTable } from './clarifyWindowTable';
import { summaryBackgroundRow } from './featureRows';

/**
 * Where the window's attributions come from:
 * - `linear`: exact SHAP of a linear/logistic model (coefficients, e.g. the baseline folder's
 *   model.json) against a background (the baseline's SHAP rows, else the window's summary row);
 * - `captured`: the attributions the model returned with each prediction, at a JSON path of the
 *   captured output (e.g. `attributions`: `{"age": 0.1, ...}`);
 * - `http`: Kernel SHAP over a model endpoint, with bounded coalitions and rows, so the number
 *   of calls is (numSamples × background rows + 1) × maxRows at most.
 */
export type WindowExplainerSpec =
  | { kind: 'linear'; model: LinearModel; background?: FeatureRow[] }
  | { kind: 'captured'; attributionsAttribute: string; outputSpace?: AttributionOutputSpace }
  | {
      kind: 'http';
      url: string;
      contentType: 'text/csv' | 'application/json';
      probabilityAttribute?: string;
      /** Features the endpoint takes, in order (default every input column). */
      features?: readonly string[];
      numSamples?: number;
      background?: FeatureRow[];
      useLogit?: boolean;
      timeoutMs?: number;
    };

export interface AttributionDriftWindowOptions
  extends Omit<ClarifyWindowOptions, 'groundTruthStore' | 'attributionsAttribute' | 'labelColumn'> {
  baseline: ClarifyAnalysis | ObjectStore;
  explainer: WindowExplainerSpec;
  /** NDCG below this is a violation. Default 0.9 (Clarify's). */
  threshold?: number;
  /** Rows explained at most (a sample chosen by prediction id, so reruns pick the same rows). */
  maxRows?: number;
  /** Label key in analysis.json; default the baseline's first. */
  label?: string;
  output: ObjectStore;
  schedule: string;
  minimumRows?: number;
}

/** Default rows explained: exact and captured attributions are cheap, Kernel SHAP calls a model. */
export const DEFAULT_MAX_EXPLAINED_ROWS = { local: 2000, http: 100 };
const DEFAULT_HTTP_SAMPLES = 64;

function explainedFeatures(options: AttributionDriftWindowOptions, baseline: ClarifyAnalysis, label: string): readonly string[] {
  const spec = options.explainer;
  if (spec.kind === 'linear') return spec.model.featureNames;
  if (spec.kind === 'http') return spec.features ?? options.featureNames;
  return Object.keys(baseline.explanations!.kernel_shap![label].global_shap_values);
}

function explainerFor(spec: WindowExplainerSpec, features: readonly string[], rows: FeatureRow[]): Explainer {
  if (spec.kind === 'linear') return new LinearModelExplainer(spec.model, spec.background ?? [summaryBackgroundRow(rows, features.length)]);
  if (spec.kind !== 'http') throw new Error('captured attributions need no explainer');
  return new KernelShapExplainer({
    featureNames: features,
    invoke: httpModelInvoker({ url: spec.url, contentType: spec.contentType, probabilityAttribute: spec.probabilityAttribute, timeoutMs: spec.timeoutMs }),
    background: spec.background ?? [summaryBackgroundRow(rows, features.length)],
    numSamples: spec.numSamples ?? DEFAULT_HTTP_SAMPLES,
    useLogit: spec.useLogit,
  });
}

function parseAttributions(text: unknown, row: number): Record<string, unknown> {
  if (typeof text !== 'string') throw new Error(`Prediction ${row + 1} of the window has no captured attributions`);
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new Error(`Prediction ${row + 1} of the window: captured attributions are not a JSON object (${text.slice(0, 80)})`);
}

export async function runAttributionDriftWindow(options: AttributionDriftWindowOptions): Promise<ClarifyWindowExecution> {
  const execution = failedExecution(options, 'attribution');
  let baseline: ClarifyAnalysis;
  try {
    baseline = 'version' in options.baseline ? (options.baseline as ClarifyAnalysis) : await loadClarifyBaseline(options.baseline as ObjectStore, 'attribution');
  } catch (error) {
    return { ...execution, failureReason: (error as Error).message };
  }
  const labels = Object.keys(baseline.explanations?.kernel_shap ?? {});
  const label = options.label ?? labels[0];
  if (!label || !labels.includes(label)) {
    return { ...execution, failureReason: `The baseline analysis.json explains no label ${JSON.stringify(label)} (it has ${labels.join(', ') || 'none'})` };
  }
  const features = explainedFeatures(options, baseline, label);
  const spec = options.explainer;
  const missing = spec.kind === 'captured' ? [] : features.filter(f => !options.featureNames.includes(f));
  if (missing.length > 0) {
    return { ...execution, failureReason: `Explained feature ${missing.join(', ')} is not one of the input feature columns (${options.featureNames.join(', ')})` };
  }
  let window;
  try {
    window = await createClarifyWindowTable({
      ...options,
      predictionColumn: 'mlmon_prediction',
      attributionsColumn: 'mlmon_attributions',
      attributionsAttribute: spec.kind === 'captured' ? spec.attributionsAttribute : undefined,
    });
  } catch (error) {
    return { ...execution, failureReason: (error as Error).message };
  }
  try {
    const unusable = recordOpenedWindow(execution, window, options, false);
    if (unusable) return { ...execution, failureReason: unusable };
    const maxRows = options.maxRows ?? (spec.kind === 'http' ? DEFAULT_MAX_EXPLAINED_ROWS.http : DEFAULT_MAX_EXPLAINED_ROWS.local);
    const columns = spec.kind === 'captured'
      ? quoteIdentifier(window.attributionsColumn)
      : features.map(quoteIdentifier).join(', ');
    const records = await options.engine.query<Record<string, unknown>>(
      `SELECT ${columns} FROM ${window.relation} ORDER BY hash(mlmon_row_key), mlmon_row_key LIMIT ?`,
      [maxRows],
    );
    let local: LocalAttributions;
    if (spec.kind === 'captured') {
      const parsed = records.map((r, i) => parseAttributions(r[window.attributionsColumn], i));
      local = capturedAttributions(parsed, features, { outputSpace: spec.outputSpace, source: 'captured output' });
    } else {
      const rows: FeatureRow[] = records.map(r => features.map(f => numericCell(r[f] as string | null) ?? (r[f] as string | null)));
      local = await explainerFor(spec, features, rows).explain(rows);
    }
    const result = attributionDriftFromLocal(local, {
      baseline,
      threshold: options.threshold,
      label,
      metricContext: { endpoint: options.endpoint, monitoringSchedule: options.schedule, timestamp: window.window.scheduledTime },
    });
    execution.ndcgByLabel = result.ndcgByLabel;
    execution.contributorsByLabel = result.contributorsByLabel;
    return await completeClarifyExecution(execution, options.output, execution.reportPrefix!, result);
  } catch (error) {
    return { ...execution, failureReason: (error as Error).message };
  } finally {
    await window.dispose();
  }
}
