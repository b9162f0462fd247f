import { reportPrefix, type TimeWindow } from '../../storage/layout';
import { ClarifyAnalysis } from '../analysis/clarifyAnalysisSchema';
import { ClarifyViolation } from '../constraintViolationsFile';
import { DriftContributor } from '../drift/rankDriftContributors';
import { ClarifyWindowReport, ClarifyWindowTable } from './clarifyWindowTable';
import type { ObjectStore } from '../../storage/ObjectStore';
import type { CloudWatchMetricBatch } from '../clarifyCloudWatchMetrics';
import { clarifyExitMessage, writeClarifyReport } from './clarifyReportWriter';

/** Below this many rows a window's bias metrics or attributions are noise; the run says so. */
export const DEFAULT_MINIMUM_CLARIFY_ROWS = 30;

/** The outcome of one Clarify monitor execution over a window of captured data. */
export interface ClarifyWindowExecution {
  kind: 'bias' | 'attribution';
  status: 'Completed' | 'CompletedWithViolations' | 'Failed';
  failureReason?: string;
  /** SageMaker's exit message of a completed execution. */
  exitMessage?: string;
  endpoint: string;
  schedule: string;
  scheduledTime?: Date;
  window?: TimeWindow;
  /** Where the reports went, e.g. `ep/schedule/2026/11/20/13/` (set once the window is known). */
  reportPrefix?: string;
  /** Keys written (analysis.json, constraint_violations.json, cloudwatch_metrics.jsonl). */
  written: string[];
  analysis?: ClarifyAnalysis;
  violations: ClarifyViolation[];
  /** Attribution drift: NDCG per label against the baseline. */
  ndcgByLabel?: Record<string, number>;
  /** Attribution drift: features ranked by attribution change weighted by baseline attribution. */
  contributorsByLabel?: Record<string, DriftContributor[]>;
  /** What was read from the window. */
  read?: ClarifyWindowReport;
}

export function failedExecution(options: { endpoint: string; schedule: string }, kind: ClarifyWindowExecution['kind']): ClarifyWindowExecution {
  return { kind, status: 'Failed', endpoint: options.endpoint, schedule: options.schedule, written: [], violations: [] };
}

/** Why a window cannot be analysed, or undefined when it can. */
export function describeUnusableWindow(
  report: ClarifyWindowReport,
  endpoint: string,
  minimumRows: number,
  needsLabels: boolean,
): string | undefined {
  if (report.predictionsInWindow === 0) return `No captured predictions for endpoint ${endpoint} in the window`;
  if (needsLabels && report.merge && report.merge.groundTruthRecords === 0) {
    return `No ground truth for the window: no ground-truth records were collected between the window's start and the scheduled time, so bias metrics cannot be computed`;
  }
  if (report.rows < minimumRows) {
    return needsLabels
      ? `Only ${report.rows} labelled predictions in the window (${report.merge?.unlabelledPredictions ?? 0} of ${report.predictionsInWindow} predictions have no label yet); at least ${minimumRows} are needed for meaningful bias metrics, so none were computed`
      : `Only ${report.rows} predictions in the window; at least ${minimumRows} are needed for meaningful attributions, so none were computed`;
  }
  return undefined;
}

/**
 * Writes a window's reports (analysis.json, constraint_violations.json, CloudWatch metrics) in
 * SageMaker's layout and records them on the execution with its final status: the common end of
 * the bias-drift and attribution-drift monitors.
 */
export async function completeClarifyExecution(
  execution: ClarifyWindowExecution,
  output: ObjectStore,
  prefix: string,
  result: { analysis: ClarifyAnalysis; violations: ClarifyViolation[]; metrics?: CloudWatchMetricBatch },
): Promise<ClarifyWindowExecution> {
  execution.written = await writeClarifyReport(output, prefix, {
    analysis: result.analysis,
    violations: result.violations,
    metrics: result.metrics,
  });
  execution.analysis = result.analysis;
  execution.violations = result.violations;
  execution.status = result.violations.length > 0 ? 'CompletedWithViolations' : 'Completed';
  execution.exitMessage = clarifyExitMessage(result.violations.length);
  return execution;
}

/**
 * Records on the execution which window was read and where its reports go, then says why the
 * window cannot be analysed (undefined when it can): the common start of both Clarify monitors.
 */
export function recordOpenedWindow(
  execution: ClarifyWindowExecution,
  window: ClarifyWindowTable,
  options: { endpoint: string; schedule: string; minimumRows?: number },
  needsLabels: boolean,
): string | undefined {
  execution.window = window.window.window;
  execution.scheduledTime = window.window.scheduledTime;
  execution.reportPrefix = reportPrefix(options.endpoint, options.schedule, window.window.scheduledTime);
  execution.read = window.report;
  return describeUnusableWindow(window.report, options.endpoint, options.minimumRows ?? DEFAULT_MINIMUM_CLARIFY_ROWS, needsLabels);
}
