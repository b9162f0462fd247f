import fs from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { z } from 'zod';
import { capturedAttributions } from '../attribution/capturedAttributions';
import { AttributionAggregation, Explainer, FeatureRow, LocalAttributions } from '../attribution/explainer';
import { httpModelInvoker } from '../attribution/httpModelInvoker';
import { KernelShapExplainer } from '../attribution/kernelShapExplainer';
import { LinearModel, LinearModelExplainer, linearModelInvoker } from '../attribution/linearModelExplainer';
import { sampleFeatureRows, summaryBackgroundRow } from '../jobs/featureRows';
import { commaList, positiveInteger } from './clarifyCliOptions';

/** Options of the feature-attribution commands: the data, and where attributions come from. */
export function addAttributionOptions(command: Command): Command {
  return command
    .requiredOption('--dataset <file>', 'CSV (with header) or JSON Lines file holding the feature columns')
    .requiredOption('--features <list>', 'feature columns, in the order the model takes them', commaList)
    .option('--linear-model <file>', 'JSON {"kind": "linear"|"logistic", "intercept": b, "weights": {feature: w}}: exact SHAP (logistic: log-odds space)')
    .option('--endpoint-url <url>', 'model behind HTTP: Kernel SHAP over POST requests')
    .option('--content-type <type>', 'request/response type for --endpoint-url: csv or json', contentType, 'text/csv')
    .option('--probability-attribute <name>', 'score field of JSON predictions', 'score')
    .option('--attribution-prefix <prefix>', 'attributions carried in the data: columns <prefix><feature>')
    .option('--kernel-shap', 'with --linear-model: Kernel SHAP over the model output (probabilities), as Clarify by default')
    .option('--use-logit', "Kernel SHAP in log-odds space (Clarify's use_logit)")
    .option('--background <file>', 'SHAP baseline rows (default: one row of feature means / most frequent values)')
    .option('--num-samples <n>', 'Kernel SHAP coalitions per row (bounds the model calls)', positiveInteger)
    .option('--seed <n>', 'seed of the coalition and row sampling', Number, 0)
    .option('--max-rows <n>', 'rows explained (a seeded sample when the data set has more)', positiveInteger, 1000)
    .option('--shap-label <name>', 'label key in analysis.json', 'label0')
    .option('--agg-method <method>', 'global aggregation: mean_abs, median or mean_sq', aggregation, 'mean_abs');
}

export interface AttributionCliOptions {
  dataset: string;
  features: string[];
  linearModel?: string;
  endpointUrl?: string;
  contentType: 'text/csv' | 'application/json';
  probabilityAttribute: string;
  attributionPrefix?: string;
  kernelShap?: boolean;
  useLogit?: boolean;
  background?: string;
  numSamples?: number;
  seed: number;
  maxRows: number;
  shapLabel: string;
  aggMethod: AttributionAggregation;
}

function contentType(value: string): 'text/csv' | 'application/json' {
  if (/^(text\/)?csv$/i.test(value)) return 'text/csv';
  if (/^(application\/)?json$/i.test(value)) return 'application/json';
  throw new InvalidArgumentError('expected csv or json');
}

function aggregation(value: string): AttributionAggregation {
  if (value === 'mean_abs' || value === 'median' || value === 'mean_sq') return value;
  throw new InvalidArgumentError('expected mean_abs, median or mean_sq');
}

const linearModelFileSchema = z.object({
  kind: z.enum(['linear', 'logistic']),
  intercept: z.number(),
  weights: z.record(z.string(), z.number()),
});

function readLinearModel(file: string, features: string[]): LinearModel {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: cannot read the linear model (${(error as Error).message})`);
  }
  const parsed = linearModelFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: field ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const missing = features.filter(f => !(f in parsed.data.weights));
  if (missing.length > 0) throw new Error(`${file}: field weights: no weight for ${missing.join(', ')}`);
  return { kind: parsed.data.kind, intercept: parsed.data.intercept, featureNames: features, weights: features.map(f => parsed.data.weights[f]) };
}

/** Explains the data set's (sampled) rows with the explainer the options choose. */
export async function explainFromOptions(o: AttributionCliOptions): Promise<{ local: LocalAttributions; seen: number }> {
  const sources = [o.linearModel, o.endpointUrl, o.attributionPrefix].filter(v => v !== undefined);
  if (sources.length !== 1) {
    throw new Error('Give exactly one of --linear-model, --endpoint-url and --attribution-prefix');
  }
  const sample = await sampleFeatureRows(o.dataset, o.features, { maxRows: o.maxRows, seed: o.seed });
  if (o.attributionPrefix !== undefined) {
    const records = sample.records.map(r => Object.fromEntries(o.features.map(f => [f, numberOrRaw(r[`${o.attributionPrefix}${f}`])])));
    return { local: capturedAttributions(records, o.features, { source: o.dataset }), seen: sample.seen };
  }
  const background = o.background
    ? (await sampleFeatureRows(o.background, o.features, { maxRows: 100, seed: o.seed })).rows
    : [summaryBackgroundRow(sample.rows, o.features.length)];
  let explainer: Explainer;
  if (o.linearModel && !o.kernelShap) {
    explainer = new LinearModelExplainer(readLinearModel(o.linearModel, o.features), background);
  } else {
    const invoke = o.linearModel
      ? linearModelInvoker(readLinearModel(o.linearModel, o.features))
      : httpModelInvoker({ url: o.endpointUrl!, contentType: o.contentType, probabilityAttribute: o.probabilityAttribute });
    explainer = new KernelShapExplainer({
      featureNames: o.features, invoke, background, numSamples: o.numSamples, seed: o.seed, useLogit: o.useLogit,
    });
  }
  return { local: await explainer.explain(sample.rows as FeatureRow[]), seen: sample.seen };
}

function numberOrRaw(value: unknown): unknown {
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return value;
}
