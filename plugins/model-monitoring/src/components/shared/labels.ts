import type {
  ExecutionStatus,
  ModelHealth,
  MonitorType,
} from '@mlmon/plugin-model-monitoring-common';

/** Monitor types in the words of the SageMaker console. */
export const MONITOR_LABELS: Record<MonitorType, string> = {
  DataQuality: 'Data quality',
  ModelQuality: 'Model quality',
  ModelBias: 'Bias drift',
  ModelExplainability: 'Feature attribution',
};

export const HEALTH_LABELS: Record<ModelHealth, string> = {
  InAlert: 'In alert',
  Violations: 'Violations',
  Failed: 'Failed',
  OK: 'OK',
  NoData: 'No data',
  Unknown: 'Unknown',
};

export const EXECUTION_STATUS_LABELS: Record<ExecutionStatus, string> = {
  Pending: 'Pending',
  InProgress: 'Running',
  Completed: 'Passed',
  CompletedWithViolations: 'Violations found',
  Failed: 'Failed',
  Stopping: 'Stopping',
  Stopped: 'Stopped',
};

/** Metrics where a larger value is worse, when the constraint does not say. */
const LOWER_IS_BETTER = new Set([
  'mae',
  'mse',
  'rmse',
  'false_positive_rate',
  'false_negative_rate',
]);

/** Upper-cases acronyms of statistics.json metric names: `rmse` → "RMSE", `f1` → "F1". */
export function metricLabel(metric: string): string {
  const acronyms = new Set([
    'mae',
    'mse',
    'rmse',
    'auc',
    'r2',
    'f1',
    'f2',
    'pr',
  ]);
  return metric
    .split('_')
    .map((part, i) => {
      if (acronyms.has(part)) return part.toUpperCase();
      return i === 0 ? part.charAt(0).toUpperCase() + part.slice(1) : part;
    })
    .join(' ');
}

export function isLowerBetter(metric: string): boolean {
  return LOWER_IS_BETTER.has(metric);
}
