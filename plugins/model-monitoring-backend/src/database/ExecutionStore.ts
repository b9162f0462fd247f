import type { Knex } from 'knex';
import {
  bucketExpression,
  epochMs,
  replaceExecutionMetrics,
  type ExecutionMetrics,
  type ExecutionWindow,
} from './ExecutionMetricsStore';
import type {
  ExecutionStatus,
  MonitoringExecution,
  MonitorType,
} from '@mlmon/plugin-model-monitoring-common';

interface ExecutionRow {
  entity_ref: string;
  schedule_name: string;
  monitor_type: string;
  window_start: Date | string;
  window_end: Date | string;
  status: string;
  failure_reason: string | null;
  violation_count: number;
  violations_json: string;
  report_uri: string | null;
  finished_at: Date | string;
  metrics_json?: string | null;
}

export type { ExecutionMetrics, ExecutionWindow } from './ExecutionMetricsStore';

/** An execution with its metrics, for time series. */
export interface ExecutionWithMetrics extends MonitoringExecution {
  metrics: ExecutionMetrics;
}

/** Monitoring executions per model, kept in the plugin's database. */
export class ExecutionStore {
  constructor(private readonly knex: Knex) {}

  /**
   * Records the outcome of one execution. Recording the same (entity, schedule, window) again
   * replaces the earlier outcome, so a retried or resumed job never adds a second row. The
   * metrics go to execution_metrics too, in the same transaction.
   */
  async record(
    entityRef: string,
    execution: MonitoringExecution,
    metrics?: ExecutionMetrics,
  ): Promise<void> {
    const row: ExecutionRow = {
      entity_ref: entityRef,
      schedule_name: execution.scheduleName,
      monitor_type: execution.monitorType,
      window_start: new Date(execution.windowStart),
      window_end: new Date(execution.windowEnd),
      status: execution.status,
      failure_reason: execution.failureReason ?? null,
      violation_count: execution.violationCount,
      violations_json: JSON.stringify(execution.violations),
      report_uri: execution.reportUri ?? null,
      finished_at: new Date(execution.finishedAt),
      metrics_json: metrics ? JSON.stringify(metrics) : null,
    };
    await this.knex.transaction(async trx => {
      const earlier = await trx('monitoring_executions')
        .where({ entity_ref: entityRef, schedule_name: execution.scheduleName, window_start: row.window_start })
        .first('window_end');
      await trx<ExecutionRow>('monitoring_executions')
        .insert(row)
        .onConflict(['entity_ref', 'schedule_name', 'window_start'])
        .merge();
      const windowEnd = row.window_end as Date;
      const windowEnds = earlier ? [windowEnd, new Date(earlier.window_end)] : [windowEnd];
      await replaceExecutionMetrics(trx, { entityRef, scheduleName: execution.scheduleName, windowEnds }, windowEnd, metrics);
    });
  }

  /** Windows of one schedule ending inside (from, to], oldest first: no JSON column is read. */
  async windows(entityRef: string, scheduleName: string, range: { from: Date; to: Date }): Promise<ExecutionWindow[]> {
    const rows: Array<Pick<ExecutionRow, 'window_end' | 'status' | 'violation_count' | 'report_uri'>> = await this.knex(
      'monitoring_executions',
    )
      .select('window_end', 'status', 'violation_count', 'report_uri')
      .where({ entity_ref: entityRef, schedule_name: scheduleName })
      .andWhere('window_end', '>', range.from)
      .andWhere('window_end', '<=', range.to)
      .orderBy('window_end');
    return rows.map(r => ({
      windowEnd: toIso(r.window_end),
      status: r.status,
      violationCount: Number(r.violation_count),
      reportUri: r.report_uri ?? undefined,
    }));
  }

  /** How many windows of one schedule end inside (from, to]. */
  async windowCount(entityRef: string, scheduleName: string, range: { from: Date; to: Date }): Promise<number> {
    const row = await this.knex('monitoring_executions')
      .count({ n: '*' })
      .where({ entity_ref: entityRef, schedule_name: scheduleName })
      .andWhere('window_end', '>', range.from)
      .andWhere('window_end', '<=', range.to)
      .first();
    return Number(row?.n ?? 0);
  }

  /**
   * Per bucket of `bucketMs` (window end `t` in bucket `ceil(t / bucketMs)`) that holds a window
   * of the schedule in (from, to]: the end of its last window, oldest first. Grouped in the
   * database where bucketExpression knows how: a long range hands back a row per bucket.
   */
  async windowBuckets(
    entityRef: string,
    scheduleName: string,
    range: { from: Date; to: Date },
    bucketMs: number,
  ): Promise<Array<{ bucket: number; windowEnd: string }>> {
    const bucket = bucketExpression(this.knex, bucketMs);
    if (!bucket) {
      const buckets: Array<{ bucket: number; windowEnd: string }> = [];
      for (const w of await this.windows(entityRef, scheduleName, range)) {
        const b = Math.ceil(epochMs(w.windowEnd) / bucketMs);
        if (buckets.at(-1)?.bucket === b) buckets[buckets.length - 1].windowEnd = w.windowEnd;
        else buckets.push({ bucket: b, windowEnd: w.windowEnd });
      }
      return buckets;
    }
    const rows: Array<{ bucket: number | string; last: Date | string | number }> = await this.knex('monitoring_executions')
      .select({ bucket }, this.knex.raw('max(window_end) as last'))
      .where({ entity_ref: entityRef, schedule_name: scheduleName })
      .andWhere('window_end', '>', range.from)
      .andWhere('window_end', '<=', range.to)
      .groupBy('bucket')
      .orderBy('bucket');
    return rows.map(r => ({ bucket: Number(r.bucket), windowEnd: toIso(r.last) }));
  }

  /** The newest window of the schedule in (from, to] whose reports are complete, if any. */
  async latestUsableWindow(entityRef: string, scheduleName: string, range: { from: Date; to: Date }): Promise<ExecutionWindow | undefined> {
    const row: Pick<ExecutionRow, 'window_end' | 'status' | 'violation_count' | 'report_uri'> | undefined = await this.knex(
      'monitoring_executions',
    )
      .select('window_end', 'status', 'violation_count', 'report_uri')
      .where({ entity_ref: entityRef, schedule_name: scheduleName })
      .whereIn('status', ['Completed', 'CompletedWithViolations'])
      .andWhere('window_end', '>', range.from)
      .andWhere('window_end', '<=', range.to)
      .orderBy('window_end', 'desc')
      .first();
    return row
      ? { windowEnd: toIso(row.window_end), status: row.status, violationCount: Number(row.violation_count), reportUri: row.report_uri ?? undefined }
      : undefined;
  }

  /** The newest execution of each schedule of a model. */
  async latestPerSchedule(entityRef: string): Promise<MonitoringExecution[]> {
    const newest = this.knex('monitoring_executions')
      .select('schedule_name')
      .max({ window_end: 'window_end' })
      .where({ entity_ref: entityRef })
      .groupBy('schedule_name')
      .as('newest');
    const rows: ExecutionRow[] = await this.knex('monitoring_executions as e')
      .join(newest, function joinNewest() {
        this.on('e.schedule_name', '=', 'newest.schedule_name').andOn(
          'e.window_end',
          '=',
          'newest.window_end',
        );
      })
      .where('e.entity_ref', entityRef)
      .select('e.*')
      .orderBy('e.schedule_name');
    return rows.map(toExecution);
  }

  /** Executions of one schedule whose window ends inside [from, to), oldest first. */
  async list(
    entityRef: string,
    scheduleName: string,
    from: Date,
    to: Date,
  ): Promise<MonitoringExecution[]> {
    const rows: ExecutionRow[] = await this.knex('monitoring_executions')
      .where({ entity_ref: entityRef, schedule_name: scheduleName })
      .andWhere('window_end', '>', from)
      .andWhere('window_end', '<=', to)
      .orderBy('window_end');
    return rows.map(toExecution);
  }

  /** Executions with metrics of one schedule whose window ends inside (from, to], oldest first. */
  async listWithMetrics(
    entityRef: string,
    scheduleName: string,
    from: Date,
    to: Date,
  ): Promise<ExecutionWithMetrics[]> {
    const rows: ExecutionRow[] = await this.knex('monitoring_executions')
      .where({ entity_ref: entityRef, schedule_name: scheduleName })
      .andWhere('window_end', '>', from)
      .andWhere('window_end', '<=', to)
      .orderBy('window_end');
    return rows.map(r => ({
      ...toExecution(r),
      metrics: r.metrics_json ? (JSON.parse(r.metrics_json) as ExecutionMetrics) : {},
    }));
  }

  /** The newest `count` executions of a schedule, newest first (for M-of-N alert rules). */
  async newest(entityRef: string, scheduleName: string, count: number): Promise<ExecutionWithMetrics[]> {
    const rows: ExecutionRow[] = await this.knex('monitoring_executions')
      .where({ entity_ref: entityRef, schedule_name: scheduleName })
      .orderBy('window_end', 'desc')
      .limit(count);
    return rows.map(r => ({
      ...toExecution(r),
      metrics: r.metrics_json ? (JSON.parse(r.metrics_json) as ExecutionMetrics) : {},
    }));
  }

  /** Page of executions, newest first, optionally of one schedule and status, before a cursor. */
  async page(
    entityRef: string,
    options: { scheduleName?: string; status?: string; from: Date; to: Date; limit: number },
  ): Promise<MonitoringExecution[]> {
    const q = this.knex<ExecutionRow>('monitoring_executions')
      .where({ entity_ref: entityRef })
      .andWhere('window_end', '>', options.from)
      .andWhere('window_end', '<=', options.to);
    if (options.scheduleName) q.andWhere('schedule_name', options.scheduleName);
    if (options.status) q.andWhere('status', options.status);
    const rows: ExecutionRow[] = await q
      .orderBy([
        { column: 'window_end', order: 'desc' },
        { column: 'schedule_name', order: 'asc' },
      ])
      .limit(options.limit);
    return rows.map(toExecution);
  }

  /** True when the window of that schedule has an execution already. */
  async has(entityRef: string, scheduleName: string, windowStart: Date): Promise<boolean> {
    const row = await this.knex('monitoring_executions')
      .where({ entity_ref: entityRef, schedule_name: scheduleName, window_start: windowStart })
      .first('id');
    return row !== undefined;
  }

  /** End of the newest window of a schedule, if any ran. */
  async lastWindowEnd(entityRef: string, scheduleName: string): Promise<Date | undefined> {
    const row = await this.knex('monitoring_executions')
      .where({ entity_ref: entityRef, schedule_name: scheduleName })
      .max({ last: 'window_end' })
      .first();
    return row?.last ? new Date(row.last) : undefined;
  }
}

function toIso(value: Date | string | number): string {
  // SQLite hands timestamps back as epoch milliseconds or strings; PostgreSQL as Date.
  return new Date(value).toISOString();
}

function toExecution(row: ExecutionRow): MonitoringExecution {
  return {
    scheduleName: row.schedule_name,
    monitorType: row.monitor_type as MonitorType,
    windowStart: toIso(row.window_start),
    windowEnd: toIso(row.window_end),
    status: row.status as ExecutionStatus,
    failureReason: row.failure_reason ?? undefined,
    violationCount: Number(row.violation_count),
    violations: JSON.parse(row.violations_json) as string[],
    reportUri: row.report_uri ?? undefined,
    finishedAt: toIso(row.finished_at),
  };
}
