/*
 * REST API types of the model-monitoring backend, shared by the backend and the frontend.
 * Base path: `/api/model-monitoring`. Every route is entity-scoped
 * (`/entities/:namespace/:kind/:name/...`) except `/overview` and `/health`.
 * Times are ISO-8601 strings in UTC. Errors are Backstage ResponseError JSON
 * (`{ error: { name, message }, response: { statusCode } }`): 401 unauthenticated, 403 not
 * permitted, 404 entity missing / not readable / not monitored, 400 malformed input or
 * annotation, 502/503/504 a monitoring source (AWS) failed, throttled or timed out.
 *
 * Time-range query parameters shared by the series routes:
 *   `from`, `to`   ISO-8601; default `to` = now, `from` = `to` − 7 days; at most 400 days.
 *   `schedule`     schedule name; default the first schedule of the matching monitor type.
 */
import type { ModelRiskRating, MonitoringSource } from './annotations';

// ---------------------------------------------------------------------------------------------
// Shared vocabulary
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Executions
// ---------------------------------------------------------------------------------------------

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

/** A report file of an execution, downloadable through the `/reports` route. */
export interface ExecutionReportLink {
  /** File name: statistics.json, constraints.json, constraint_violations.json, analysis.json, report.html, ... */
  name: string;
  /** Storage URI (s3:// or file://), for display. */
  uri: string;
  /** Path under the plugin's base URL that streams the file to an authorized caller. */
  href: string;
}

/** An execution with links to its report files. */
export interface MonitoringExecutionWithReports extends MonitoringExecution {
  reports: ExecutionReportLink[];
}

/**
 * GET /entities/:namespace/:kind/:name/executions?schedule=&from=&to=&status=&limit=&cursor=
 * Newest first. `status` filters by one ExecutionStatus. `limit` 1..500 (default 100).
 */
export interface ExecutionsResponse {
  entityRef: string;
  range: TimeRange;
  items: MonitoringExecutionWithReports[];
  /** Pass as `cursor` for the next (older) page; absent on the last page. */
  nextCursor?: string;
  errors?: SourceError[];
}

/**
 * GET /entities/:namespace/:kind/:name/reports?schedule=&windowEnd=&file=
 * Streams one report file of one execution (JSON or HTML). `file` is one of the names listed
 * in {@link ExecutionReportLink.name}; no free-form paths.
 */
export type ReportFileName =
  | 'statistics.json'
  | 'constraints.json'
  | 'constraint_violations.json'
  | 'analysis.json'
  | 'report.html';

// ---------------------------------------------------------------------------------------------
// Summary
// ---------------------------------------------------------------------------------------------

/** Alert states with SageMaker's names (ListMonitoringAlerts AlertStatus). */
export type AlertStatus = 'OK' | 'InAlert';

/** Kinds of alert rule. */
export type AlertRuleKind =
  /** M of the last N executions of the schedule had violations (SageMaker Model Dashboard). */
  | 'violations'
  /** The drift distance of a feature (or any feature when `feature` is absent) exceeds `threshold`. */
  | 'drift'
  /** A model-quality metric is beyond its baseline constraint (or `threshold` with `comparison`). */
  | 'quality';

/** An alert rule of a model. */
export interface AlertRule {
  /** Stable name, unique per model, e.g. `housing-dq-violations`. */
  name: string;
  kind: AlertRuleKind;
  scheduleName: string;
  /** M: executions in alert among the last N to open the alert. */
  datapointsToAlert: number;
  /** N: how many of the newest executions are evaluated. */
  evaluationPeriod: number;
  /** drift: the feature; absent means any feature. */
  feature?: string;
  /** quality: the metric name in snake_case, e.g. `auc`, `rmse`. */
  metric?: string;
  /** drift: a distance in [0, 1]; quality: overrides the baseline constraint's threshold. */
  threshold?: number;
  /** quality with `threshold`: which side is bad. */
  comparison?: 'LessThanThreshold' | 'GreaterThanThreshold';
  enabled: boolean;
}

/** Where an alert stands now. */
export interface AlertState {
  ruleName: string;
  kind: AlertRuleKind;
  scheduleName: string;
  status: AlertStatus;
  /** When the status last changed. */
  since: string;
  /** Why, in words: "3 of the last 5 executions had violations". */
  reason: string;
  /** Evaluations in alert among the last N, when the rule counts datapoints. */
  datapointsInAlert: number;
  evaluationPeriod: number;
  acknowledgedBy?: string;
  acknowledgedAt?: string;
}

/** One OK ↔ InAlert transition. */
export interface AlertHistoryEntry {
  ruleName: string;
  from: AlertStatus;
  to: AlertStatus;
  at: string;
  reason: string;
  /** The execution window that caused it. */
  windowEnd?: string;
}

/** A CloudWatch alarm on the model's endpoint or schedules (SageMaker source only). */
export interface CloudWatchAlarmState {
  alarmName: string;
  state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
  reason?: string;
  updatedAt?: string;
  metricName?: string;
  /** Link to the alarm in the AWS console. */
  consoleUrl?: string;
}

/** One monitor of a model and where it stands. */
export interface MonitorSummary {
  scheduleName: string;
  monitorType: MonitorType;
  lastExecution?: MonitoringExecution;
  nextRunAt?: string;
  /** SageMaker cron expression, e.g. `cron(0 * ? * * *)`. */
  scheduleExpression?: string;
  scheduleStatus?: ScheduleStatus;
  health?: ModelHealth;
  /** Why the schedule itself failed (SageMaker FailureReason), if it did. */
  failureReason?: string;
  /** When the schedule's baseline (statistics/constraints or analysis.json) was written, if known. */
  baselineCreatedAt?: string;
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
  /** Worst state over monitors and alerts. */
  health?: ModelHealth;
  alerts?: AlertState[];
  /** SageMaker source only. */
  cloudWatchAlarms?: CloudWatchAlarmState[];
  /** Whether the QuickSight embed is configured for this entity (the URL needs its own call). */
  dashboardAvailable?: boolean;
  /** Newest ground-truth record (model quality and bias need it), if known. */
  groundTruthLatestAt?: string;
  /** Parts that could not be loaded; the rest of the summary is valid. */
  errors?: SourceError[];
}

// ---------------------------------------------------------------------------------------------
// Data quality: drift, violations, feature statistics, predictions
// ---------------------------------------------------------------------------------------------

/** Drift of one feature in the newest execution. */
export interface FeatureDriftNow {
  feature: string;
  inferredType: 'Integral' | 'Fractional' | 'String' | 'Unknown';
  /** Baseline drift distance (KLL L∞ / categorical L∞), null when not computed. */
  distance: number | null;
  threshold: number | null;
  /** Constraint checks this feature violated in the newest execution. */
  violations: string[];
  completeness: number | null;
  baselineCompleteness: number | null;
}

/** A feature's drift distance over time. */
export interface FeatureDriftSeries {
  feature: string;
  points: TimePoint[];
}

/**
 * GET /entities/:namespace/:kind/:name/drift?schedule=&from=&to=&features=a,b
 * Per-feature drift now (newest execution in range) and over time. `features` limits the
 * series (at most 50 names; default the 10 most drifted).
 */
export interface DriftResponse {
  entityRef: string;
  scheduleName: string;
  range: TimeRange;
  /** Window of the newest execution, the one `now` describes. */
  latestWindowEnd?: string;
  now: FeatureDriftNow[];
  series: FeatureDriftSeries[];
  errors?: SourceError[];
}

/** Violations of one window, counted by check type. */
export interface ViolationsPoint {
  time: string;
  total: number;
  /** By constraint_check_type: data_type_check, baseline_drift_check, LessThanThreshold, ... */
  byCheckType: Record<string, number>;
}

/** GET /entities/:namespace/:kind/:name/violations?schedule=&from=&to= (all schedules when absent) */
export interface ViolationsResponse {
  entityRef: string;
  range: TimeRange;
  points: ViolationsPoint[];
  /** Violations of the newest execution, as written in constraint_violations.json. */
  latest: Array<{
    scheduleName: string;
    feature?: string;
    metric?: string;
    checkType: string;
    description: string;
  }>;
  errors?: SourceError[];
}

/** A bucket of a numeric distribution (from KLL sketch / histogram buckets). */
export interface NumericBucket {
  lowerBound: number;
  upperBound: number;
  /** Share of the non-null values, 0..1, so baseline and window overlay on one scale. */
  share: number;
  count: number;
}

/** Summary statistics of a numeric feature. */
export interface NumericSummary {
  mean: number;
  min: number;
  max: number;
  stdDev: number;
  sum: number;
  /** p5, p25, p50, p75, p95 from the KLL sketch, when present. */
  quantiles?: Record<string, number>;
}

/** One side (baseline or window) of a feature's statistics. */
export interface FeatureDistribution {
  itemCount: number;
  missing: number;
  numeric?: NumericSummary & { buckets: NumericBucket[] };
  /** Categorical: share per category (top 50, the rest summed as `__other__`). */
  categorical?: Array<{ value: string; count: number; share: number }>;
}

/**
 * GET /entities/:namespace/:kind/:name/features/:feature?schedule=&windowEnd=
 * Baseline vs one window (default the newest) of one feature, for distribution overlays.
 * Numeric buckets of both sides share the same bounds.
 */
export interface FeatureStatisticsResponse {
  entityRef: string;
  scheduleName: string;
  feature: string;
  inferredType: 'Integral' | 'Fractional' | 'String' | 'Unknown';
  windowEnd?: string;
  baseline: FeatureDistribution;
  window?: FeatureDistribution;
  distance: number | null;
  threshold: number | null;
  errors?: SourceError[];
}

/**
 * GET /entities/:namespace/:kind/:name/predictions?schedule=&windowEnd=
 * Distribution of the model's output (the inference attribute): baseline vs a window.
 */
export interface PredictionDistributionResponse {
  entityRef: string;
  scheduleName: string;
  /** The column the predictions are in (e.g. `_c0`, `prediction`). */
  attribute: string;
  windowEnd?: string;
  baseline?: FeatureDistribution;
  window?: FeatureDistribution;
  /** Share of the predictions over time (mean for numeric outputs, positive rate for binary). */
  series: TimePoint[];
  errors?: SourceError[];
}

// ---------------------------------------------------------------------------------------------
// Model quality
// ---------------------------------------------------------------------------------------------

/** One model-quality metric over time with its constraint. */
export interface QualityMetricSeries {
  /** snake_case as in statistics.json: accuracy, auc, f1, mae, rmse, r2, ... */
  metric: string;
  points: Array<TimePoint & { standardDeviation?: number | null }>;
  baseline?: number;
  threshold?: number;
  comparison?: 'LessThanThreshold' | 'GreaterThanThreshold';
}

/** GET /entities/:namespace/:kind/:name/quality?schedule=&from=&to= */
export interface ModelQualityResponse {
  entityRef: string;
  scheduleName: string;
  problemType?: ProblemType;
  range: TimeRange;
  metrics: QualityMetricSeries[];
  /** Newest confusion matrix (classification): label → predicted → count. */
  confusionMatrix?: Record<string, Record<string, number>>;
  errors?: SourceError[];
}

// ---------------------------------------------------------------------------------------------
// Endpoint traffic and latency
// ---------------------------------------------------------------------------------------------

/**
 * GET /entities/:namespace/:kind/:name/traffic?from=&to=&period=
 * `period` in seconds (60..86400, default chosen so a series has at most 500 points).
 * SageMaker: CloudWatch AWS/SageMaker; built-in: counted from the captured records.
 */
export interface TrafficResponse {
  entityRef: string;
  range: TimeRange;
  periodSeconds: number;
  invocations: TimePoint[];
  /** 4XX + 5XX + model errors, per period. */
  errors4xx: TimePoint[];
  errors5xx: TimePoint[];
  /** ModelLatency in milliseconds (CloudWatch reports microseconds; converted). */
  latencyAvgMs: TimePoint[];
  /** Median ModelLatency in milliseconds, when the source has percentiles. */
  latencyP50Ms?: TimePoint[];
  latencyP99Ms?: TimePoint[];
  /** Per-part problems, e.g. CloudWatch throttled. */
  sourceErrors?: SourceError[];
}

// ---------------------------------------------------------------------------------------------
// On-demand runs, backfill, alert rules
// ---------------------------------------------------------------------------------------------

/**
 * POST /entities/:namespace/:kind/:name/runs  (permission model-monitoring.job.run)
 * Runs one schedule over one window now (default: the newest finished window), or a backfill
 * over [from, to) one window at a time. Windows already executed are skipped unless `force`.
 */
export interface RunRequest {
  scheduleName: string;
  /** End of the window to run; default the newest window that has ended. */
  windowEnd?: string;
  /** Backfill: every window whose end lies in (from, to]; at most 2,000 windows. */
  backfill?: { from: string; to: string };
  force?: boolean;
}

/** Response of POST /runs: 202 Accepted, the run continues in the background. */
export interface RunResponse {
  runId: string;
  scheduleName: string;
  windowsQueued: number;
  windowsSkipped: number;
  /** GET /entities/:namespace/:kind/:name/runs/:runId for progress. */
  statusUrl: string;
}

/** GET /entities/:namespace/:kind/:name/runs/:runId */
export interface RunStatusResponse {
  runId: string;
  scheduleName: string;
  state: 'Queued' | 'Running' | 'Completed' | 'Failed';
  windowsTotal: number;
  windowsDone: number;
  windowsFailed: number;
  startedAt: string;
  finishedAt?: string;
  message?: string;
}

/** GET /entities/:namespace/:kind/:name/alerts */
export interface AlertsResponse {
  entityRef: string;
  rules: AlertRule[];
  states: AlertState[];
  history: AlertHistoryEntry[];
}

/**
 * PUT /entities/:namespace/:kind/:name/alerts/rules  (permission model-monitoring.alerts.update)
 * Replaces the model's alert rules. Response: {@link AlertsResponse}.
 */
export interface UpdateAlertRulesRequest {
  rules: AlertRule[];
}

/**
 * POST /entities/:namespace/:kind/:name/alerts/:ruleName/acknowledge
 * (permission model-monitoring.alerts.update). Response: {@link AlertState}.
 */
export interface AcknowledgeAlertRequest {
  comment?: string;
}

// ---------------------------------------------------------------------------------------------
// QuickSight
// ---------------------------------------------------------------------------------------------

/**
 * GET /entities/:namespace/:kind/:name/dashboard-embed  (permission model-monitoring.dashboard.embed)
 * A one-time QuickSight embed URL (GenerateEmbedUrlForRegisteredUser with AllowedDomains).
 * Never cached. 404 when the entity has no mlmon.dev/quicksight-dashboard annotation.
 */
export interface DashboardEmbedResponse {
  embedUrl: string;
  dashboardId: string;
  /** When the URL stops working (QuickSight: 5 minutes to open it). */
  expiresAt: string;
}

// ---------------------------------------------------------------------------------------------
// Overview
// ---------------------------------------------------------------------------------------------

/** Columns the overview sorts by. */
export const OVERVIEW_SORT_FIELDS = [
  'title',
  'owner',
  'source',
  'health',
  'risk',
  'lastRun',
  'openAlerts',
  'coverage',
] as const;
export type OverviewSortField = (typeof OVERVIEW_SORT_FIELDS)[number];

/** One row of the overview: one monitored model, from its status snapshot. */
export interface OverviewRow {
  entityRef: string;
  title: string;
  /** Owner entity ref, e.g. `group:default/team-a`. */
  owner?: string;
  source: MonitoringSource;
  endpointName: string;
  health: ModelHealth;
  riskRating: ModelRiskRating;
  /** End of the newest execution window over all monitors. */
  lastRunAt?: string;
  openAlerts: number;
  /** Monitor types that have a schedule (of the four). */
  coverage: MonitorType[];
  /** When the snapshot was taken. */
  updatedAt: string;
}

/**
 * GET /overview?offset=&limit=&sort=&order=&source=&health=&risk=&owner=&q=
 * `limit` 1..200 (default 50); `sort` one of {@link OVERVIEW_SORT_FIELDS} (default `health`,
 * worst first); `order` asc|desc; `source`, `health`, `risk` accept comma-separated values;
 * `owner` an entity ref; `q` searches title and entity ref. Only entities the caller may read
 * in the catalog are returned; one database query, no AWS call.
 */
export interface OverviewQuery {
  offset?: number;
  limit?: number;
  sort?: OverviewSortField;
  order?: 'asc' | 'desc';
  source?: MonitoringSource[];
  health?: ModelHealth[];
  risk?: ModelRiskRating[];
  owner?: string;
  q?: string;
}

export interface OverviewResponse {
  items: OverviewRow[];
  /** Rows matching the filters (before paging). */
  totalCount: number;
  offset: number;
  limit: number;
  /** Counts per health over the filtered rows, for the summary chips. */
  healthCounts: Partial<Record<ModelHealth, number>>;
}

// ---------------------------------------------------------------------------------------------
// Built-in onboarding
// ---------------------------------------------------------------------------------------------

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
