import { TimeWindow } from '../storage/layout';
import { ModelQualityMetrics } from './computeMetrics';
import { JacksonValue, jacksonStringify, jlong } from '../formats/jackson';
import { MergeReport } from './mergeWindow';
import { ModelQualityViolation } from './modelQualityViolations';
import { ProblemType } from './problemType';

/** SageMaker's MonitoringExecutionStatus values a finished execution can have. */
export type ModelQualityExecutionStatus = 'Completed' | 'CompletedWithViolations' | 'Failed';

/** What one model-quality execution did, returned to the caller and written as execution_summary.json. */
export interface ModelQualityExecution {
  status: ModelQualityExecutionStatus;
  failureReason?: string;
  problemType: ProblemType;
  endpoint: string;
  schedule: string;
  scheduledTime: Date;
  window: TimeWindow;
  groundTruthUntil: Date;
  reportPrefix: string;
  merge?: MergeReport;
  /** Labelled predictions whose prediction could not be read from the endpoint output. */
  unusablePredictions?: number;
  unusablePredictionExample?: string;
  metrics?: ModelQualityMetrics;
  violations: ModelQualityViolation[];
  mergedKeys: string[];
}

/** The processing job's ExitMessage as SageMaker words it. */
export function exitMessage(execution: ModelQualityExecution): string {
  if (execution.status === 'Failed') return `Failed: ${execution.failureReason ?? 'unknown reason'}`;
  if (execution.status === 'Completed') return 'Completed: Job completed successfully with no violations.';
  return `CompletedWithViolations: Job completed successfully with ${execution.violations.length} violations.`;
}

export function executionSummaryJson(execution: ModelQualityExecution): string {
  const merge: Record<string, JacksonValue> = {};
  if (execution.merge) {
    for (const [camelKey, value] of Object.entries(execution.merge)) {
      const key = camelKey.replace(/[A-Z]/g, letter => `_${letter.toLowerCase()}`);
      merge[key] =
        typeof value === 'number'
          ? jlong(value)
          : (value as Array<Record<string, unknown> | string>).map(item =>
              typeof item === 'string'
                ? item
                : { file: String(item.file), line: jlong(Number(item.line)), problem: String(item.problem) },
            );
    }
  }
  return jacksonStringify({
    monitoring_type: 'ModelQuality',
    status: execution.status,
    exit_message: exitMessage(execution),
    failure_reason: execution.failureReason,
    problem_type: execution.problemType,
    endpoint: execution.endpoint,
    monitoring_schedule: execution.schedule,
    scheduled_time: execution.scheduledTime.toISOString(),
    window_start: execution.window.start.toISOString(),
    window_end: execution.window.end.toISOString(),
    ground_truth_until: execution.groundTruthUntil.toISOString(),
    item_count: execution.metrics ? jlong(execution.metrics.itemCount) : undefined,
    violation_count: jlong(execution.violations.length),
    unusable_predictions:
      execution.unusablePredictions === undefined ? undefined : jlong(execution.unusablePredictions),
    unusable_prediction_example: execution.unusablePredictionExample,
    merge: execution.merge ? merge : undefined,
    merged_record_keys: execution.mergedKeys,
  });
}
