import {
  DuckDbEngine,
  readConstraints,
  readStatistics,
  reportPrefix,
  runDataQualityMonitor,
  runModelQualityMonitor,
  ObjectNotFoundError,
  type DataQualityBaseline,
  type ObjectStore,
  type ScheduledWindow,
} from '@mlmon/monitor-engine';
import type { MonitoringExecution } from '@mlmon/plugin-model-monitoring-common';
import type { BuiltinModel } from '../config/builtinConfig';
import type { ExecutionMetrics } from '../database/ExecutionStore';
import type { OpenStore, ReportReader } from '../reports/ReportReader';
import { runClarifyWindow } from './runClarifyWindow';

/** The outcome of one window: the execution row and the numbers read back from its reports. */
export interface WindowOutcome {
  execution: MonitoringExecution;
  metrics: ExecutionMetrics;
}

export interface RunWindowContext {
  openStore: OpenStore;
  reports: ReportReader;
  reportsUri: string;
  /** DuckDB memory limit per job, so memory stays bounded however large the window. */
  memoryLimit?: string;
}

async function loadDataQualityBaseline(store: ObjectStore): Promise<DataQualityBaseline> {
  const location = store.url.replace(/\/$/, '');
  let constraintsText: string;
  try {
    constraintsText = (await store.get('constraints.json')).toString('utf8');
  } catch (error) {
    if (error instanceof ObjectNotFoundError) {
      throw new Error(`Baseline constraints not found: ${location}/constraints.json`);
    }
    throw error;
  }
  const constraints = readConstraints(constraintsText, `${location}/constraints.json`);
  let statistics;
  try {
    const text = (await store.get('statistics.json')).toString('utf8');
    statistics = readStatistics(text, `${location}/statistics.json`);
  } catch (error) {
    if (!(error instanceof ObjectNotFoundError)) throw error;
  }
  return { constraints, statistics };
}

/**
 * Runs one schedule of a built-in model over one window with the engine, writing the reports in
 * SageMaker's layout under `{reportsUri}/{endpoint}/{schedule}/yyyy/mm/dd/HH/`, then reads the
 * written metrics back (the same reader that serves SageMaker's reports). Never throws for bad
 * data: the execution is Failed with the reason.
 */
export async function runBuiltinWindow(
  model: BuiltinModel,
  scheduleName: string,
  scheduled: ScheduledWindow,
  context: RunWindowContext,
): Promise<WindowOutcome> {
  const schedule = model.schedules.find(s => s.name === scheduleName);
  if (!schedule) throw new Error(`Model ${model.endpointName} has no schedule ${scheduleName}`);
  const prefix = reportPrefix(model.endpointName, schedule.name, scheduled.scheduledTime).replace(/\/+$/, '');
  const reportUri = `${context.reportsUri}/${prefix}`;
  const output = context.openStore(context.reportsUri);
  const captureStore = context.openStore(model.captureUri);
  const base = {
    scheduleName: schedule.name,
    monitorType: schedule.monitorType,
    windowStart: scheduled.window.start.toISOString(),
    windowEnd: scheduled.window.end.toISOString(),
    reportUri,
  };

  const engine = await DuckDbEngine.create({ threads: 1, memoryLimit: context.memoryLimit ?? '512MB' });
  try {
    let status: MonitoringExecution['status'];
    let failureReason: string | undefined;
    let violations: string[] = [];
    if (schedule.monitorType === 'DataQuality') {
      let baseline: DataQualityBaseline;
      try {
        baseline = await loadDataQualityBaseline(context.openStore(schedule.baselineUri));
      } catch (error) {
        return failed(base, (error as Error).message);
      }
      const result = await runDataQualityMonitor({
        engine,
        captureStore,
        endpoint: model.endpointName,
        variant: model.variant,
        baseline,
        start: scheduled.window.start,
        end: scheduled.window.end,
        outputStore: output,
        outputPrefix: prefix,
        monitoringSchedule: schedule.name,
      });
      status = result.status;
      failureReason = result.failureReason;
      violations = (result.violations?.violations ?? []).map(v => v.feature_name ?? v.metric_name ?? v.constraint_check_type);
    } else if (schedule.monitorType === 'ModelQuality') {
      const result = await runModelQualityMonitor({
        engine,
        captureStore,
        groundTruthStore: context.openStore(schedule.groundTruthUri!),
        endpoint: model.endpointName,
        variant: model.variant,
        baseline: context.openStore(schedule.baselineUri),
        problemType: schedule.problemType,
        inferenceAttribute: schedule.inferenceAttribute,
        probabilityAttribute: schedule.probabilityAttribute,
        probabilityThreshold: schedule.probabilityThresholdAttribute,
        output,
        schedule: schedule.name,
        // The window as the schedule computed it (offsets included); the scheduled time bounds
        // which ground-truth folders may hold labels for it.
        start: scheduled.window.start,
        end: scheduled.window.end,
        scheduledTime: scheduled.scheduledTime,
      });
      status = result.status;
      failureReason = result.failureReason;
      violations = result.violations.map(v => v.metricName);
    } else {
      // ModelBias and ModelExplainability: Clarify's analysis.json, read back for the metrics.
      const result = await runClarifyWindow(model, schedule, scheduled, context, engine, reportUri);
      return finished(base, reportUri, result.status, result.failureReason, result.violations, result.metrics);
    }
    const read = status === 'Failed' ? { metrics: {} } : await context.reports.metrics(reportUri);
    return finished(base, reportUri, status, failureReason, violations, read.metrics);
  } catch (error) {
    return failed(base, `Unexpected error: ${(error as Error).message}`);
  } finally {
    await engine.close();
  }
}

function finished(
  base: Omit<MonitoringExecution, 'status' | 'violationCount' | 'violations' | 'finishedAt'>,
  reportUri: string,
  status: MonitoringExecution['status'],
  failureReason: string | undefined,
  violations: string[],
  metrics: ExecutionMetrics,
): WindowOutcome {
  return {
    execution: {
      ...base,
      status,
      failureReason,
      violationCount: violations.length,
      violations: [...new Set(violations)],
      reportUri: status === 'Failed' ? undefined : reportUri,
      finishedAt: new Date().toISOString(),
    },
    metrics,
  };
}

function failed(
  base: Omit<MonitoringExecution, 'status' | 'violationCount' | 'violations' | 'finishedAt'>,
  reason: string,
): WindowOutcome {
  return {
    execution: {
      ...base,
      reportUri: undefined,
      status: 'Failed',
      failureReason: reason,
      violationCount: 0,
      violations: [],
      finishedAt: new Date().toISOString(),
    },
    metrics: {},
  };
}
