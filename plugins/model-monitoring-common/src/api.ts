/*
 * REST API types of the model-monitoring backend, shared by the backend and the frontend.
 * Every route is entity-scoped (`/entities/:namespace/:kind/:name/...`) except `/overview`.
 * Times are ISO-8601 strings in UTC.
 */
import type { ModelRiskRating, MonitoringSource } from './annotations';

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
  | 'Stopped';

/** One monitoring execution: one schedule over one window. */
export interface MonitoringExecution {
  scheduleName: string;
  monitorType: MonitorType;
  windowStart: string;
  windowEnd: string;
  status: ExecutionStatus;
  failureReason?: string;
  violationCount: number;
  /** Features (data quality, attribution) or metrics (model quality, bias) that violated. */
  violations: string[];
  /** Where the execution's reports are, e.g. `s3://bucket/reports/ep/sched/2026/11/22/13`. */
  reportUri?: string;
  finishedAt: string;
}

/** One monitor of a model and where it stands. */
export interface MonitorSummary {
  scheduleName: string;
  monitorType: MonitorType;
  lastExecution?: MonitoringExecution;
  nextRunAt?: string;
}

/** GET /entities/:namespace/:kind/:name/summary */
export interface ModelMonitoringSummary {
  entityRef: string;
  source: MonitoringSource;
  endpointName: string;
  monitors: MonitorSummary[];
  riskRating: ModelRiskRating;
  /** Where the risk rating came from. */
  riskRatingSource: 'annotation' | 'model-card' | 'none';
}
