import type { SqlEngine } from '../../sql/SqlEngine';
import { ClarifyAnalysis } from '../analysis/clarifyAnalysisSchema';
import { BiasAnalysisConfig } from '../bias/biasAnalysisConfig';
import { BiasDriftViolation, checkBiasDrift } from '../bias/biasDriftCheck';
import { BiasMetricResult, POST_TRAINING_METRIC_DESCRIPTIONS } from '../bias/biasMetricCatalog';
import { biasAnalysis, facetSizes } from '../bias/biasReport';
import { BiasTally } from '../bias/biasTally';
import { biasTallyFromSql, flipTestRowsFromSql } from '../bias/biasTallySql';
import { flipTest } from '../bias/flipTest';
import { CloudWatchMetricBatch, MetricContext, biasCloudWatchMetrics } from '../clarifyCloudWatchMetrics';

/** Default cap on rows pulled into memory for the Flip Test (a k-NN over raw rows). */
export const DEFAULT_MAX_FLIP_TEST_ROWS = 100_000;

export interface BiasJobInput {
  engine: SqlEngine;
  /** FROM-clause relation over the merged predictions + ground truth (engine-written SQL). */
  relation: string;
  config: BiasAnalysisConfig;
  maxFlipTestRows?: number;
}

export interface BiasAnalysisResult {
  analysis: ClarifyAnalysis;
  tally: BiasTally;
}

/** Computes Clarify's post-training bias analysis.json over a data set (baseline or window). */
export async function runBiasAnalysis(input: BiasJobInput): Promise<BiasAnalysisResult> {
  const source = { engine: input.engine, relation: input.relation };
  const tally = await biasTallyFromSql(source, input.config);
  const ft = input.config.featureColumns?.length ? await flipTestFromSql(input, tally) : undefined;
  return { analysis: biasAnalysis(input.config, tally, ft), tally };
}

/** FT over the window's rows, in Clarify's check order: empty groups, non-numeric, then k-NN. */
async function flipTestFromSql(input: BiasJobInput, tally: BiasTally): Promise<BiasMetricResult> {
  const error = (message: string): BiasMetricResult => ({ name: 'FT', description: POST_TRAINING_METRIC_DESCRIPTIONS.FT, value: null, error: message });
  const { facet, rest } = facetSizes(tally);
  if (facet === 0) return error('Facet set is empty');
  if (rest === 0) return error('Negated Facet set is empty');
  const maxRows = input.maxFlipTestRows ?? DEFAULT_MAX_FLIP_TEST_ROWS;
  const read = await flipTestRowsFromSql({ engine: input.engine, relation: input.relation }, input.config, maxRows);
  if (read.nonNumericColumns.length > 0) return error('FlipTest does not support non-numeric columns');
  if (!read.rows) return error(`Flip Test not computed: ${read.tooMany} rows exceed the limit of ${maxRows}`);
  return flipTest({ rows: read.rows });
}

export interface BiasDriftResult extends BiasAnalysisResult {
  violations: BiasDriftViolation[];
  metrics?: CloudWatchMetricBatch;
}

/** One bias-drift monitoring execution: the window's analysis, checked against the baseline. */
export async function runBiasDriftMonitor(
  input: BiasJobInput & { baseline: ClarifyAnalysis; metricContext?: MetricContext },
): Promise<BiasDriftResult> {
  const result = await runBiasAnalysis(input);
  return {
    ...result,
    violations: checkBiasDrift(input.baseline, result.analysis),
    metrics: input.metricContext ? biasCloudWatchMetrics(result.analysis, input.metricContext) : undefined,
  };
}
