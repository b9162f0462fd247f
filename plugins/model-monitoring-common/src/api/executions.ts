/* REST API types: executions. See ./index.ts for the conventions every route shares. */
import type { MonitorType, ExecutionStatus, TimeRange, SourceError } from './vocabulary';

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
