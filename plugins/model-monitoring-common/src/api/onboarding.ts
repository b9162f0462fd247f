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
  /** Where the label is in JSON ground truth (default a bare value or `label`). */
  groundTruthAttribute?: string;
  /**
   * ModelBias and ModelExplainability: names of the captured input columns, in the order of a
   * CSV record (JSON objects are read by name), as Clarify's `headers`.
   */
  features?: string[];
  /** ModelBias: the sensitive group, a facet value (e.g. sex = Female) or values above a threshold. */
  facet?: { column: string; values?: string[]; threshold?: number };
  /** ModelBias: the label's name in analysis.json and the ground-truth value(s) or threshold that count as positive. */
  label?: { column: string; positiveValues?: string[]; threshold?: number };
  /** ModelBias: post-training metrics to compute and check (default all). */
  biasMetrics?: string[];
  /** ModelExplainability: where attributions come from. */
  explainer?: BuiltinExplainerSpec;
  /** ModelExplainability: NDCG below this is a feature_attribution_drift_check violation (default 0.9). */
  ndcgThreshold?: number;
}

/**
 * Where a ModelExplainability schedule's attributions come from:
 * - `linear`: exact SHAP of a linear/logistic model whose coefficients are in the baseline folder
 *   (`model.json`, SHAP baseline rows in `shap_baseline.csv`);
 * - `captured`: attributions the model returns with each prediction (a JSON path of the output);
 * - `http`: Kernel SHAP over a model endpoint with bounded samples (configuration only, never
 *   through registration, since the backend would call that URL).
 */
export type BuiltinExplainerSpec =
  | { kind: 'linear'; modelFile?: string; maxRows?: number }
  | { kind: 'captured'; attributionsAttribute: string; maxRows?: number }
  | {
      kind: 'http';
      url: string;
      contentType?: 'text/csv' | 'application/json';
      probabilityAttribute?: string;
      /** Features the endpoint takes, in order (default `features`). */
      features?: string[];
      /** Kernel SHAP coalitions per row (default 64). */
      numSamples?: number;
      /** Rows explained per window (default 100). */
      maxRows?: number;
    };

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
