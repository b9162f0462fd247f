import type { Knex } from 'knex';

/**
 * Numbers of one execution read back from its reports, keyed by metric name as in
 * cloudwatch_metrics.jsonl: `feature_baseline_drift_<feature>`, `auc`, `rmse`, ...
 */
export type ExecutionMetrics = Record<string, number>;

/** An execution's window as the series routes need it: no JSON columns. */
export interface ExecutionWindow {
  windowEnd: string;
  status: string;
  violationCount: number;
  reportUri?: string;
}

interface MetricRow {
  entity_ref: string;
  schedule_name: string;
  window_end: Date | string | number;
  metric: string;
  value: number;
}

const TABLE = 'execution_metrics';
// Five bound values per row: chunks stay well below SQLite's limit of bound values.
const INSERT_CHUNK = 1000;

/** Epoch milliseconds of a timestamp as any of the databases hands it back. */
export function epochMs(value: Date | string | number): number {
  // SQLite hands back epoch milliseconds already: no Date per row for the common case.
  if (typeof value === 'number') return value;
  return typeof value === 'string' ? Date.parse(value) : value.getTime();
}

/**
 * Replaces the metrics of one execution window. Runs inside the transaction that records the
 * execution, so a reader never sees an execution with half of its metrics.
 */
export async function replaceExecutionMetrics(
  trx: Knex,
  key: { entityRef: string; scheduleName: string; windowEnds: Date[] },
  windowEnd: Date,
  metrics: ExecutionMetrics | undefined,
): Promise<void> {
  await trx(TABLE)
    .where({ entity_ref: key.entityRef, schedule_name: key.scheduleName })
    .whereIn('window_end', key.windowEnds)
    .delete();
  const rows: MetricRow[] = Object.entries(metrics ?? {})
    .filter(([, value]) => typeof value === 'number' && Number.isFinite(value))
    .map(([metric, value]) => ({
      entity_ref: key.entityRef,
      schedule_name: key.scheduleName,
      window_end: windowEnd,
      metric,
      value,
    }));
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await trx(TABLE).insert(rows.slice(i, i + INSERT_CHUNK));
  }
}

/**
 * Reads the per-metric table (execution_metrics): each series route selects only the metrics
 * it plots, in its range, through the table's primary key.
 */
export class ExecutionMetricsStore {
  constructor(private readonly knex: Knex) {}

  /**
   * Names of the metrics starting with `prefix` recorded for a schedule in (from, to].
   *
   * A skip scan over the primary key (entity, schedule, metric, window end): each step seeks the
   * next metric name, and one more seek per name asks whether it has a value in the range. A
   * DISTINCT over the range would read every row of it (~17,000 for 90 days of hourly drift of
   * eight features) to find a handful of names.
   */
  async names(entityRef: string, scheduleName: string, range: { from: Date; to: Date }, prefix: string): Promise<string[]> {
    const escaped = prefix.replace(/[\\%_]/g, c => `\\${c}`);
    const result = await this.knex.raw(
      `with recursive names(metric) as (
         select min(metric) from ${TABLE} where entity_ref = ? and schedule_name = ?
         union all
         select (select min(metric) from ${TABLE} where entity_ref = ? and schedule_name = ? and metric > names.metric)
         from names where names.metric is not null
       )
       select metric from names
       where metric is not null and metric like ? escape '\\'
         and exists (select 1 from ${TABLE} m where m.entity_ref = ? and m.schedule_name = ? and m.metric = names.metric
                     and m.window_end > ? and m.window_end <= ?)`,
      [entityRef, scheduleName, entityRef, scheduleName, `${escaped}%`, entityRef, scheduleName, range.from, range.to],
    );
    // PostgreSQL answers { rows }, SQLite the rows themselves.
    const rows: Array<{ metric: string }> = Array.isArray(result) ? result : result.rows;
    return rows.map(r => r.metric).sort();
  }

  /** Every metric of one execution window. */
  async at(entityRef: string, scheduleName: string, windowEnd: Date): Promise<ExecutionMetrics> {
    const rows: MetricRow[] = await this.knex(TABLE)
      .select('metric', 'value')
      .where({ entity_ref: entityRef, schedule_name: scheduleName, window_end: windowEnd });
    return Object.fromEntries(rows.map(r => [r.metric, Number(r.value)]));
  }

  /** Values of the given metrics in (from, to]: metric → window end (epoch ms) → value. */
  async series(
    entityRef: string,
    scheduleName: string,
    metrics: string[],
    range: { from: Date; to: Date },
  ): Promise<Map<string, Map<number, number>>> {
    const result = new Map(metrics.map(m => [m, new Map<number, number>()]));
    if (!metrics.length) return result;
    const rows: MetricRow[] = await this.knex(TABLE)
      .select('metric', 'window_end', 'value')
      .where({ entity_ref: entityRef, schedule_name: scheduleName })
      .whereIn('metric', metrics)
      .andWhere('window_end', '>', range.from)
      .andWhere('window_end', '<=', range.to);
    for (const row of rows) result.get(row.metric)?.set(epochMs(row.window_end), Number(row.value));
    return result;
  }

  /**
   * The highest value of each metric per bucket of `bucketMs` in (from, to]: metric → bucket
   * number → value, where window end `t` lies in bucket `ceil(t / bucketMs)`. Grouped in the
   * database on SQLite and PostgreSQL, so a long range hands back one row per bucket instead of
   * one per window (90 days hourly: ~360 instead of 2,160 rows per metric); other databases
   * group here.
   */
  async bucketPeaks(
    entityRef: string,
    scheduleName: string,
    metrics: string[],
    range: { from: Date; to: Date },
    bucketMs: number,
  ): Promise<Map<string, Map<number, number>>> {
    const result = new Map(metrics.map(m => [m, new Map<number, number>()]));
    if (!metrics.length) return result;
    const bucket = bucketExpression(this.knex, bucketMs);
    if (!bucket) {
      const values = await this.series(entityRef, scheduleName, metrics, range);
      for (const [metric, byTime] of values) {
        const peaks = result.get(metric)!;
        for (const [ms, value] of byTime) {
          const b = Math.ceil(ms / bucketMs);
          const peak = peaks.get(b);
          if (peak === undefined || value > peak) peaks.set(b, value);
        }
      }
      return result;
    }
    const rows: Array<{ metric: string; bucket: number | string; value: number }> = await this.knex(TABLE)
      .select('metric', { bucket }, this.knex.raw('max(value) as value'))
      .where({ entity_ref: entityRef, schedule_name: scheduleName })
      .whereIn('metric', metrics)
      .andWhere('window_end', '>', range.from)
      .andWhere('window_end', '<=', range.to)
      .groupBy('metric', 'bucket');
    for (const row of rows) result.get(row.metric)?.set(Number(row.bucket), Number(row.value));
    return result;
  }
}

/**
 * `ceil(window_end / bucketMs)` in SQL (window end in epoch ms), or undefined for a database
 * without a known form. Both tables of executions name the column `window_end`.
 */
export function bucketExpression(knex: Knex, bucketMs: number): Knex.Raw | undefined {
  const client = String(knex.client.config.client);
  const width = Math.round(bucketMs);
  // SQLite keeps timestamps as epoch milliseconds (integers): integer division rounds down. The
  // driver may bind a number as a real, which would make the division exact: cast.
  if (client === 'better-sqlite3' || client === 'sqlite3') {
    return knex.raw('(window_end + cast(? as integer)) / cast(? as integer)', [width - 1, width]);
  }
  if (client === 'pg') return knex.raw('ceil(extract(epoch from window_end) * 1000 / ?)::bigint', [width]);
  return undefined;
}
