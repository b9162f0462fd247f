/* REST API types: built-in onboarding. See ./index.ts for the conventions every route shares. */
import type { MonitorType, ProblemType } from './vocabulary';

/** A schedule of a model registered with the built-in engine. */
export interface BuiltinScheduleSpec {
  name: string;
  monitorType: MonitorType;
  /** SageMaker cron, e.g. `cron(0 * ? * * *)`. */
  scheduleExpression: string;
  /** Baseline folder (statistics.json + constraints.json, or analysis.json for Clarify). */
  baselineUri: string;
  /** Model quality: the problem and the attributes of the capture records. */
  problemType?: ProblemType;
  inferenceAttribute?: string;
  probabilityAttribute?: string;
  probabilityThresholdAttribute?: number;
  groundTruthUri?: string;
}

/**
 * POST /models  (permission model-monitoring.job.run on the entity named by entityRef)
 * Registers (or replaces) a model with the built-in engine; also available in-process as the
 * `modelMonitoringRegistryServiceRef` service for the scaffolder action.
 */
export interface RegisterBuiltinModelRequest {
  entityRef: string;
  endpointName: string;
  /** Capture root (file:// or s3://), under a configured data root. */
  captureUri: string;
  variant?: string;
  schedules: BuiltinScheduleSpec[];
}

/** GET /models/:endpointName (same permission) */
export interface BuiltinModelRegistration extends RegisterBuiltinModelRequest {
  origin: 'config' | 'registry';
  registeredAt?: string;
}
