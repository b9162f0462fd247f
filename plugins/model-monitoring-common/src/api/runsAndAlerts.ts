/* REST API types: on-demand runs, backfill, alert rules. See ./index.ts for the conventions every route shares. */
import type { AlertRule, AlertState, AlertHistoryEntry } from './summary';

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
