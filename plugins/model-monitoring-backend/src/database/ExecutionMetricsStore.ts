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

  /** Names of the metrics starting with `prefix` recorded for a schedule in (from, to]. */
  async names(entityRef: string, scheduleName: string, range: { from: Date; to: Date }, prefix: string): Promise<string[]> {
    const escaped = prefix.replace(/[\\%_]/g, c => `\\${c}`);
    const rows: Array<{ metric: string }> = await this.knex(TABLE)
      .distinct('metric')
      .where({ entity_ref: entityRef, schedule_name: scheduleName })
      .andWhere('window_end', '>', range.from)
      .andWhere('window_end', '<=', range.to)
      .andWhereRaw("metric like ? escape '\\'", [`${escaped}%`]);
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
}
