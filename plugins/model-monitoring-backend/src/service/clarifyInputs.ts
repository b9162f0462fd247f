import type { ClarifyAnalysis, ClarifyConstraintViolations } from '@mlmon/monitor-engine';
import type { MonitorType, SourceError } from '@mlmon/plugin-model-monitoring-common';
import type { ExecutionMetrics } from '../database/ExecutionMetricsStore';
import { awsSourceError } from '../sagemaker/awsErrors';

type Range = { from: Date; to: Date };

/** One execution of a Clarify or data-quality schedule, as the Clarify builders read it. */
export interface ClarifyWindow {
  windowEnd: string;
  status: string;
}

/** What a schedule's configuration says about the facet, label and NDCG threshold. */
export interface ClarifySettings {
  facet?: { column: string; value?: string };
  label?: { column: string; positive?: string };
  ndcgThreshold?: number;
}

/** The baseline analysis.json of a schedule: where it is, and its content when it exists. */
export interface ClarifyBaseline {
  location: string;
  analysis?: ClarifyAnalysis;
}

/** The newest completed execution of a schedule, with its metrics and violating features. */
export interface NewestExecution {
  execution: ClarifyWindow;
  metrics: ExecutionMetrics;
  /** Data quality: the features with a violation. */
  violatingFeatures: string[];
}

/**
 * The inputs of the bias, attribution and drift-contributor builders, served by either source:
 * the built-in engine's stores (builtinClarifyInputs) or SageMaker (SageMakerClarifyInputs:
 * CloudWatch for the series, S3 for the newest analysis.json). Metrics use the execution_metrics
 * keys of reports/clarifyMetrics.ts. A method that cannot reach its source throws; the builders
 * turn that into a SourceError and answer the rest.
 */
export interface ClarifyInputs {
  /** The entity's schedules with their monitor types (undefined when unknown). */
  schedules(): Promise<Array<{ name: string; monitorType?: MonitorType }>>;
  settings(schedule: string): Promise<ClarifySettings | undefined>;
  /** Undefined when the schedule has no baseline. */
  baseline(schedule: string): Promise<ClarifyBaseline | undefined>;
  /** Executions whose window ends in (from, to], oldest first. */
  windows(schedule: string, range: Range): Promise<ClarifyWindow[]>;
  /** Metric keys starting with `prefix` that have values in the range. */
  metricNames(schedule: string, range: Range, prefix: string): Promise<string[]>;
  /** Values of metric keys in the range: key → window end (epoch ms) → value. */
  series(schedule: string, keys: string[], range: Range): Promise<Map<string, Map<number, number>>>;
  /** Every metric of the execution that ended at `windowEnd`. */
  metricsAt(schedule: string, windowEnd: string): Promise<ExecutionMetrics>;
  /** constraint_violations.json of the execution that ended at `windowEnd` (empty when none). */
  violationsAt(schedule: string, windowEnd: string): Promise<ClarifyConstraintViolations['violations']>;
  newestUsable(schedule: string, monitorType: MonitorType): Promise<NewestExecution | undefined>;
}

/** A SourceError for a failed input: 403/404/429/504 for AWS errors, else 502. */
export function inputError(source: string, what: string, error: unknown): SourceError {
  return awsSourceError(source, what, error);
}

/** Reads the baseline and records a SourceError when it is missing or unreadable. */
export async function loadBaseline(inputs: ClarifyInputs, schedule: string, errors: SourceError[]): Promise<ClarifyAnalysis | undefined> {
  try {
    const baseline = await inputs.baseline(schedule);
    if (baseline && !baseline.analysis) {
      errors.push({ source: 'reports', code: 404, message: `Baseline analysis.json not found: ${baseline.location}` });
    }
    return baseline?.analysis;
  } catch (error) {
    errors.push(inputError('reports', `Baseline of ${schedule}`, error));
    return undefined;
  }
}

/** The schedule's Clarify settings, or undefined with a SourceError when they cannot be read. */
export async function loadSettings(inputs: ClarifyInputs, schedule: string, errors: SourceError[]): Promise<ClarifySettings | undefined> {
  try {
    return await inputs.settings(schedule);
  } catch (error) {
    errors.push(inputError('sagemaker', `Configuration of ${schedule}`, error));
    return undefined;
  }
}
