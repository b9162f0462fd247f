/* REST API types: summary. See ./index.ts for the conventions every route shares. */
import type { ModelRiskRating, MonitoringSource } from '../annotations';
import type { MonitorType, ScheduleStatus, ModelHealth, SourceError } from './vocabulary';
import type { MonitoringExecution } from './executions';

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
