import fs from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { openObjectStore } from '../../storage/openObjectStore';
import { ClarifyAnalysis, parseClarifyAnalysis } from '../analysis/clarifyAnalysisSchema';
import { BiasAnalysisConfig } from '../bias/biasAnalysisConfig';
import { POST_TRAINING_METRIC_NAMES, isPostTrainingMetricName } from '../bias/biasMetricCatalog';

/** Option parsing shared by the four Clarify commands (bias and attribution, baseline and monitor). */

export function finiteNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError('expected a number');
  return n;
}

export function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}

export function commaList(value: string): string[] {
  const items = value.split(',').map(v => v.trim()).filter(v => v !== '');
  if (items.length === 0) throw new InvalidArgumentError('expected a comma-separated list');
  return items;
}

export function isoTime(value: string): Date {
  const time = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(time.getTime())) {
    throw new InvalidArgumentError('expected an ISO time such as 2026-11-20T05:00Z');
  }
  return time;
}

/** Adds the options that describe facet, label, prediction and group variable. */
export function addBiasConfigOptions(command: Command): Command {
  return command
    .requiredOption('--dataset <file>', 'CSV (with header) or JSON Lines file with features, prediction and label')
    .requiredOption('--facet <column>', 'facet (sensitive attribute) column, e.g. sex')
    .option('--facet-values <list>', 'facet value(s) selecting the sensitive group, e.g. Female', commaList)
    .option('--facet-threshold <number>', 'numeric facet: the group is values greater than this', finiteNumber)
    .requiredOption('--label <column>', 'ground-truth label column')
    .option('--label-values <list>', 'positive label value(s), e.g. ">50K"', commaList)
    .option('--label-threshold <number>', 'numeric label: positive when greater than this', finiteNumber)
    .requiredOption('--prediction <column>', 'prediction column (a predicted label, or a score with --probability-threshold)')
    .option('--probability-threshold <number>', 'the prediction is a score, positive when greater than this (Clarify default 0.5)', finiteNumber)
    .option('--group-variable <column>', 'group variable for CDDPL')
    .option('--flip-test-features <list>', 'numeric feature columns for the Flip Test (FT)', commaList)
    .option('--max-flip-test-rows <n>', 'largest window for which FT is computed (it needs the rows)', positiveInteger)
    .option('--methods <list>', `post-training metrics to compute (default all: ${POST_TRAINING_METRIC_NAMES.join(',')})`, commaList);
}

export interface BiasCliOptions {
  dataset: string;
  facet: string;
  facetValues?: string[];
  facetThreshold?: number;
  label: string;
  labelValues?: string[];
  labelThreshold?: number;
  prediction: string;
  probabilityThreshold?: number;
  groupVariable?: string;
  flipTestFeatures?: string[];
  maxFlipTestRows?: number;
  methods?: string[];
}

export function biasConfigFromOptions(o: BiasCliOptions): BiasAnalysisConfig {
  if ((o.facetValues === undefined) === (o.facetThreshold === undefined)) {
    throw new Error('Give exactly one of --facet-values and --facet-threshold');
  }
  if ((o.labelValues === undefined) === (o.labelThreshold === undefined)) {
    throw new Error('Give exactly one of --label-values and --label-threshold');
  }
  const unknown = (o.methods ?? []).filter(m => !isPostTrainingMetricName(m));
  if (unknown.length > 0) {
    throw new Error(`Unknown bias metric(s) ${unknown.join(', ')}; known: ${POST_TRAINING_METRIC_NAMES.join(', ')}`);
  }
  return {
    facet: o.facetValues ? { column: o.facet, values: o.facetValues } : { column: o.facet, threshold: o.facetThreshold! },
    label: o.labelValues ? { column: o.label, positiveValues: o.labelValues } : { column: o.label, threshold: o.labelThreshold! },
    prediction:
      o.probabilityThreshold !== undefined
        ? { column: o.prediction, probabilityThreshold: o.probabilityThreshold }
        : { column: o.prediction },
    groupVariable: o.groupVariable,
    featureColumns: o.flipTestFeatures,
    metrics: o.methods?.filter(isPostTrainingMetricName),
  };
}

/** Adds where the report goes and, for monitors, the baseline and the execution identity. */
export function addOutputOptions(command: Command, monitor: boolean): Command {
  command
    .requiredOption('--output <location>', 'report location: a local folder, file:// or s3:// URL')
    .option('--prefix <key>', 'key prefix inside the output location', '');
  if (monitor) {
    command
      .requiredOption('--baseline <file>', "the baseline's analysis.json (Clarify's or ours)")
      .option('--endpoint <name>', 'endpoint name (CloudWatch dimension; omit for batch transform)')
      .option('--schedule <name>', 'monitoring schedule name (CloudWatch dimension)', 'mlmon-schedule')
      .option('--scheduled-time <iso>', 'scheduled time of this execution', isoTime);
  }
  return command;
}

export async function readBaselineAnalysis(location: string): Promise<ClarifyAnalysis> {
  if (/^s3:\/\//i.test(location)) {
    const slash = location.lastIndexOf('/');
    const store = openObjectStore(location.slice(0, slash));
    const text = (await store.get(location.slice(slash + 1))).toString('utf8');
    return parseClarifyAnalysis(text, location);
  }
  const file = location.replace(/^file:\/\//, '');
  if (!fs.existsSync(file)) throw new Error(`Baseline not found: ${location}`);
  return parseClarifyAnalysis(fs.readFileSync(file, 'utf8'), location);
}

export function printLines(lines: string[]): void {
  process.stdout.write(`${lines.join('\n')}\n`);
}
