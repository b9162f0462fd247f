import type { SqlEngine } from '../sql/SqlEngine';
import type { ObjectStore } from '../storage/ObjectStore';
import { Statistics, writeStatistics } from '../formats/statistics';
import { writeConstraints } from '../formats/constraints';
import { ConstraintViolations, writeViolations } from '../formats/violations';
import { suggestConstraints } from '../baseline/suggestConstraints';
import type { TypeCounts } from '../baseline/dataTypes';
import {
  CaptureScanReport,
  describeScanReport,
} from '../capture/captureWindowTable';
import { localCaptureFiles } from '../capture/localCaptureFiles';
import { evaluateConstraints } from './constraintChecks';
import {
  METRICS_FILE_NAME,
  MetricDatum,
  dataQualityMetrics,
  formatMetricsJsonl,
} from './dataQualityMetrics';
import { DataQualityBaseline, loadBaselineDir } from './loadBaseline';
import { ReportOutput, writeOutputFiles } from './reportOutput';
import { WindowReadPath, readWindowProfile } from './readWindowProfile';

export interface DataQualityMonitorOptions {
  engine: SqlEngine;
  /** Root of the capture data ({endpoint}/{variant}/yyyy/mm/dd/HH/*.jsonl). */
  captureStore: ObjectStore;
  /** Prefix of the capture root inside the store, if not at its root. */
  captureRootPrefix?: string;
  endpoint: string;
  /** Defaults to AllTraffic. */
  variant?: string;
  /** A folder with constraints.json (and statistics.json), or the parsed baseline. */
  baselineDir?: string;
  baseline?: DataQualityBaseline;
  /** The window [start, end). */
  start: Date;
  end: Date;
  /** Where the reports go: a local folder, or a store and prefix. */
  outputDir?: string;
  outputStore?: ObjectStore;
  outputPrefix?: string;
  /** The schedule name used as the metrics' MonitoringSchedule dimension. */
  monitoringSchedule?: string;
  /**
   * 'general' skips the fast paths for windows of the common shape, 'one-pass' the streamed
   * one (see readWindowProfile.ts), to compare them; the default tries the fastest first.
   */
  windowPath?: 'auto' | 'one-pass' | 'general';
}

export type ExecutionStatus =
  | 'Completed'
  | 'CompletedWithViolations'
  | 'Failed';

export interface DataQualityExecutionResult {
  status: ExecutionStatus;
  /** SageMaker-style exit message, e.g. "CompletedWithViolations: Job completed successfully with 2 violations." */
  exitMessage: string;
  failureReason?: string;
  statistics?: Statistics;
  violations?: ConstraintViolations;
  metrics?: MetricDatum[];
  /** What the capture scan read and left out (malformed lines, wrong widths…). */
  capture?: CaptureScanReport;
  /** How the window was read (see readWindowProfile.ts). */
  readPath?: WindowReadPath;
  /** Checks that were skipped and why, and what the scan left out, for people. */
  notes: string[];
  /** Locations of the files written. */
  outputs: string[];
}

/**
 * One data-quality monitoring execution over one window of captured data against a baseline,
 * like SageMaker's model-monitor analyzer: writes statistics.json, constraints.json (suggested
 * from the window), constraint_violations.json and the metrics file. Never throws for bad input:
 * a missing or corrupt baseline, or a window without usable data, gives status Failed with the
 * reason; problems in the capture data are counted in `capture` and `notes`.
 */
export async function runDataQualityMonitor(
  options: DataQualityMonitorOptions,
): Promise<DataQualityExecutionResult> {
  let output: ReportOutput | undefined;
  if (options.outputDir) output = { dir: options.outputDir };
  else if (options.outputStore)
    output = { store: options.outputStore, prefix: options.outputPrefix };
  const failed = (
    reason: string,
    extra: Partial<DataQualityExecutionResult> = {},
  ) => ({
    status: 'Failed' as const,
    exitMessage: `Failed: ${reason}`,
    failureReason: reason,
    notes: [],
    outputs: [],
    ...extra,
  });

  let baseline: DataQualityBaseline;
  try {
    if (options.baseline) baseline = options.baseline;
    else if (options.baselineDir)
      baseline = await loadBaselineDir(options.baselineDir);
    else
      return failed(
        'No baseline given: pass a baseline folder with constraints.json.',
      );
  } catch (error) {
    return failed(error instanceof Error ? error.message : String(error));
  }
  if (!(options.start < options.end)) {
    return failed(
      `The window start ${options.start.toISOString()} is not before its end ${options.end.toISOString()}.`,
    );
  }

  const local = await localCaptureFiles(options.captureStore, {
    endpoint: options.endpoint,
    variant: options.variant,
    rootPrefix: options.captureRootPrefix,
    start: options.start,
    end: options.end,
  });
  try {
    const read = await readWindowProfile(
      options.engine,
      local.files,
      options,
      baseline,
      options.windowPath && options.windowPath !== 'auto'
        ? options.windowPath
        : 'streamed',
    );
    const report = read.report;
    const notes = describeScanReport(report);
    const { profile, names } = read;
    if (!profile || !names) {
      const where = `${options.captureStore.url} ${options.endpoint}/${
        options.variant ?? 'AllTraffic'
      }`;
      return failed(
        `No captured data in the window ${options.start.toISOString()} to ${options.end.toISOString()} at ${where} ` +
          `(${report.files} file(s), ${report.lines} line(s)).${
            notes.length
              ? ` ${notes.join('; ')}`
              : ' Check the endpoint, variant and window.'
          }`,
        { capture: report, notes },
      );
    }
    const typeCounts = new Map<string, TypeCounts>(
      names.map((name, i) => [name, profile.typeCounts[i]]),
    );
    const checks = evaluateConstraints(
      baseline.constraints,
      baseline.statistics,
      {
        statistics: profile.statistics,
        typeCounts,
        domainShares: read.domainShares ?? new Map(),
      },
    );
    if (!baseline.statistics)
      notes.push(
        'No baseline statistics.json: baseline drift was not checked.',
      );
    notes.push(...checks.notes);

    const violations: ConstraintViolations = { violations: checks.violations };
    const emitMetrics =
      baseline.constraints.monitoring_config?.emit_metrics !== 'Disabled';
    const metrics = emitMetrics
      ? dataQualityMetrics({
          statistics: profile.statistics,
          evaluations: checks.features,
          typeCounts,
          endpoint: options.endpoint,
          monitoringSchedule:
            options.monitoringSchedule ?? `${options.endpoint}-data-quality`,
          timestamp: options.end,
        })
      : [];
    const files: [string, string][] = [
      ['statistics.json', writeStatistics(profile.statistics)],
      [
        'constraints.json',
        writeConstraints(suggestConstraints(profile.statistics)),
      ],
      ['constraint_violations.json', writeViolations(violations)],
    ];
    if (emitMetrics)
      files.push([METRICS_FILE_NAME, formatMetricsJsonl(metrics)]);
    const outputs = output ? await writeOutputFiles(output, files) : [];

    const count = checks.violations.length;
    return {
      status: count ? 'CompletedWithViolations' : 'Completed',
      exitMessage: count
        ? `CompletedWithViolations: Job completed successfully with ${count} violations.`
        : 'Completed: Job completed successfully with no violations.',
      statistics: profile.statistics,
      violations,
      metrics,
      capture: report,
      readPath: read.readPath,
      notes,
      outputs,
    };
  } catch (error) {
    return failed(
      `Data quality job failed: ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
  } finally {
    await local.cleanup();
  }
}
