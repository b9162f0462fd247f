/* REST API types: shared vocabulary. See ./index.ts for the conventions every route shares. */

/** Monitor types with SageMaker's names (MonitoringType in its API). */
export const MONITOR_TYPES = [
  'DataQuality',
  'ModelQuality',
  'ModelBias',
  'ModelExplainability',
] as const;
export type MonitorType = (typeof MONITOR_TYPES)[number];

/** Execution statuses with SageMaker's names (MonitoringExecutionStatus). */
export type ExecutionStatus =
  | 'Pending'
  | 'InProgress'
  | 'Completed'
  | 'CompletedWithViolations'
  | 'Failed'
  | 'Stopping'
  | 'Stopped';

/** Status of a schedule, with SageMaker's names (MonitoringScheduleStatus). */
export type ScheduleStatus = 'Pending' | 'Failed' | 'Scheduled' | 'Stopped';

/**
 * One word for how a model (or one monitor) stands, used for the overview and status chips:
 * `InAlert` an alert is open; `Violations` the last execution found violations; `Failed` the
 * last execution failed; `OK` the last execution passed; `NoData` nothing has run yet;
 * `Unknown` the source could not be asked.
 */
export const MODEL_HEALTH_STATES = [
  'InAlert',
  'Violations',
  'Failed',
  'OK',
  'NoData',
  'Unknown',
] as const;
export type ModelHealth = (typeof MODEL_HEALTH_STATES)[number];

/** Problem types of model-quality monitoring (SageMaker's names). */
export type ProblemType = 'BinaryClassification' | 'MulticlassClassification' | 'Regression';

/** The [from, to) time range a series covers, echoed back by every series response. */
export interface TimeRange {
  from: string;
  to: string;
}

/** A point of a time series. `value` is null where the window had no data. */
export interface TimePoint {
  /** End of the window the value describes. */
  time: string;
  value: number | null;
}

/**
 * A problem of one part (card) of a response, e.g. CloudWatch throttled while S3 answered:
 * the rest of the response is still valid. `code` mirrors the HTTP status the part would have had.
 */
export interface SourceError {
  /** Which part failed: 'cloudwatch', 'sagemaker', 'athena', 's3', 'model-card', 'reports', ... */
  source: string;
  code: 400 | 403 | 404 | 429 | 500 | 502 | 503 | 504;
  message: string;
}
