import { SqlEngine } from '../sql/SqlEngine';
import {
  captureHourPrefix,
  listCaptureObjects,
  listGroundTruthObjects,
  reportPrefix,
} from '../storage/layout';
import { ObjectInfo, ObjectStore } from '../storage/ObjectStore';
import { queryModelQualityAggregates } from './aggregateQueries';
import { attributeAddress } from './attributeExtraction';
import { cloudWatchMetricsJsonl, modelQualityCloudWatchMetrics } from './cloudWatchMetrics';
import { computeModelQualityMetrics, ModelQualityMetrics } from './computeMetrics';
import { assertAttributesFit, invalidFieldSql, PredictionSemantics } from './labelledRows';
import { loadModelQualityBaseline } from './loadBaseline';
import { mergeTableNames, mergeWindow, MergeReport } from './mergeWindow';
import { ModelQualityConstraints } from './modelQualityConstraints';
import {
  checkModelQualityConstraints,
  ModelQualityViolation,
  modelQualityViolationsJson,
} from './modelQualityViolations';
import { MonitoringWindowInput, resolveMonitoringWindow } from './monitoringWindow';
import { ProblemType } from './problemType';
import { createCaptureIdTable, createCaptureTable, createGroundTruthTable } from './recordTables';
import { StagedFiles } from './stagedFiles';
import { modelQualityStatisticsJson } from './statisticsDocument';
import { writeMergedRecords } from './writeMergedRecords';
import { executionSummaryJson, ModelQualityExecution } from './executionSummary';

/** Below this many labelled predictions a window's metrics are noise; the run says so instead. */
export const DEFAULT_MINIMUM_LABELLED_RECORDS = 30;

export interface RunModelQualityMonitorOptions extends MonitoringWindowInput {
  engine: SqlEngine;
  /** Root of the capture layout `{endpoint}/{variant}/yyyy/mm/dd/HH/`. */
  captureStore: ObjectStore;
  /** Root of the ground-truth layout `yyyy/mm/dd/HH/`. */
  groundTruthStore: ObjectStore;
  endpoint: string;
  variant?: string;
  /** The baseline's constraints, or the folder (location or store) holding constraints.json. */
  baseline: ModelQualityConstraints | string | ObjectStore;
  /** Defaults to the baseline's problem type. */
  problemType?: ProblemType;
  /** Where the prediction is in the endpoint output (default column/element 0 when there is no probability). */
  inferenceAttribute?: string;
  probabilityAttribute?: string;
  probabilityThreshold?: number;
  positiveLabel?: string;
  /** Where the label is in JSON ground truth (default a bare value or `label`). */
  groundTruthAttribute?: string;
  /** Reports root (SageMaker's MonitoringOutput S3Uri). */
  output: ObjectStore;
  /** Monitoring schedule name used in the report path and metric dimensions. */
  schedule?: string;
  minimumLabelledRecords?: number;
  /** dataset.evaluation_time; null omits it. Default: now. */
  evaluationTime?: Date | null;
  curveBins?: number;
}

async function* concat(...sources: AsyncIterable<ObjectInfo>[]): AsyncIterable<ObjectInfo> {
  for (const source of sources) yield* source;
}

function semanticsOf(options: RunModelQualityMonitorOptions, problemType: ProblemType): PredictionSemantics {
  const hasProbability = options.probabilityAttribute !== undefined;
  return {
    problemType,
    // Without any attribute, the prediction is the output itself (CSV column 0 / JSON scalar).
    hasInference: options.inferenceAttribute !== undefined || !hasProbability,
    hasProbability,
    probabilityThreshold: options.probabilityThreshold,
    positiveLabel: options.positiveLabel,
  };
}

/**
 * One model-quality monitoring execution: merges the window's captured predictions with their
 * ground truth in SQL, computes SageMaker's metrics, checks them against the baseline
 * constraints and writes statistics.json, constraint_violations.json, the CloudWatch metrics,
 * the merged records and an execution summary. Data problems end as a Failed execution with a
 * reason, never as an exception; bad options throw.
 */
export async function runModelQualityMonitor(
  options: RunModelQualityMonitorOptions,
): Promise<ModelQualityExecution> {
  const variant = options.variant ?? 'AllTraffic';
  const schedule = options.schedule ?? `${options.endpoint}-model-quality`;
  const resolved = resolveMonitoringWindow(options);
  const constraints = await loadModelQualityBaseline(options.baseline);
  const problemType = options.problemType ?? constraints.problemType;
  const semantics = semanticsOf(options, problemType);
  assertAttributesFit(semantics);
  const prefix = reportPrefix(options.endpoint, schedule, resolved.scheduledTime);
  const execution: ModelQualityExecution = {
    status: 'Failed',
    problemType,
    endpoint: options.endpoint,
    schedule,
    scheduledTime: resolved.scheduledTime,
    window: resolved.window,
    groundTruthUntil: resolved.groundTruth.end,
    reportPrefix: prefix,
    violations: [],
    mergedKeys: [],
  };
  const staged = new StagedFiles();
  const tables = mergeTableNames('mlmon_mq');
  try {
    const captureFiles = await staged.stage(
      options.captureStore,
      listCaptureObjects(options.captureStore, { ...resolved.window, endpoint: options.endpoint, variant }),
    );
    const lookupFiles = await staged.stage(
      options.captureStore,
      concat(...resolved.lookupHours.map(h => options.captureStore.list(captureHourPrefix(options.endpoint, variant, h)))),
    );
    const groundTruthFiles = await staged.stage(
      options.groundTruthStore,
      listGroundTruthObjects(options.groundTruthStore, resolved.groundTruth),
    );
    const inference = semantics.hasInference ? attributeAddress(options.inferenceAttribute ?? '0') : undefined;
    const probability = options.probabilityAttribute ? attributeAddress(options.probabilityAttribute) : undefined;
    await createCaptureTable(options.engine, tables.capture, captureFiles, { inference, probability });
    await createCaptureIdTable(options.engine, tables.captureIds, lookupFiles);
    await createGroundTruthTable(options.engine, tables.groundTruth, groundTruthFiles, {
      labelAddress: options.groundTruthAttribute ? attributeAddress(options.groundTruthAttribute) : undefined,
      numericLabels: problemType === 'Regression',
    });
    const merge = await mergeWindow(options.engine, tables, resolved.window);
    execution.merge = {
      ...merge,
      problems: merge.problems.map(p => ({ ...p, file: staged.originOf(p.file) })),
    };
    execution.mergedKeys = await writeMergedRecords(options.engine, tables.labelled, options.output, {
      endpoint: options.endpoint,
      variant,
    });
    await evaluate(options, semantics, constraints, tables.labelled, merge, execution);
  } catch (error) {
    execution.status = 'Failed';
    execution.failureReason = error instanceof Error ? error.message : String(error);
  } finally {
    for (const name of Object.values(tables)) {
      await options.engine.query(`DROP TABLE IF EXISTS ${name}`).catch(() => undefined);
    }
    await staged.dispose();
  }
  await options.output.put(`${prefix}execution_summary.json`, executionSummaryJson(execution));
  return execution;
}

async function evaluate(
  options: RunModelQualityMonitorOptions,
  semantics: PredictionSemantics,
  constraints: ModelQualityConstraints,
  labelled: string,
  merge: MergeReport,
  execution: ModelQualityExecution,
): Promise<void> {
  const [unusable] = await options.engine.query<{ n: number; example: string | null }>(
    `SELECT count(*) AS n, min(row_key || ': ' || role) AS example
     FROM (SELECT row_key, ${invalidFieldSql(semantics)} AS role FROM ${labelled}) WHERE role IS NOT NULL`,
  );
  execution.unusablePredictions = unusable.n;
  if (unusable.n > 0) execution.unusablePredictionExample = `id ${unusable.example} missing or invalid`;
  const usable = merge.matchedRecords - unusable.n;
  const minimum = options.minimumLabelledRecords ?? DEFAULT_MINIMUM_LABELLED_RECORDS;
  if (merge.predictionsInWindow === 0) {
    execution.failureReason = `No captured predictions for endpoint ${options.endpoint} in the window`;
    return;
  }
  if (usable < minimum) {
    execution.failureReason =
      `Only ${usable} labelled predictions in the window (${merge.unlabelledPredictions} of ` +
      `${merge.predictionsInWindow} predictions have no label yet); at least ${minimum} are needed ` +
      `for meaningful metrics, so none were computed`;
    return;
  }
  const aggregate = await queryModelQualityAggregates(options.engine, labelled, semantics);
  const metrics: ModelQualityMetrics = computeModelQualityMetrics(semantics.problemType, aggregate, {
    positiveLabel: options.positiveLabel,
    curveBins: options.curveBins,
  });
  const violations: ModelQualityViolation[] = checkModelQualityConstraints(metrics, constraints);
  const prefix = execution.reportPrefix;
  const evaluationTime = options.evaluationTime === undefined ? new Date() : options.evaluationTime;
  await options.output.put(`${prefix}statistics.json`, modelQualityStatisticsJson(metrics, evaluationTime));
  await options.output.put(`${prefix}constraint_violations.json`, modelQualityViolationsJson(violations));
  await options.output.put(
    `${prefix}cloudwatch_metrics.jsonl`,
    cloudWatchMetricsJsonl(
      modelQualityCloudWatchMetrics(metrics, {
        endpoint: options.endpoint,
        schedule: execution.schedule,
        timestamp: execution.scheduledTime,
      }),
    ),
  );
  execution.metrics = metrics;
  execution.violations = violations;
  execution.status = violations.length > 0 ? 'CompletedWithViolations' : 'Completed';
}
