import type { SqlEngine } from '@mlmon/monitor-engine';
import type { ViolationsPoint } from '@mlmon/plugin-model-monitoring-common';

/** Formats a time as the report folder's hour partition, `yyyy/MM/dd/HH` (UTC). */
export function reportHour(time: Date): string {
  const iso = time.toISOString();
  return `${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(11, 13)}`;
}

function hourToIso(hour: string): string {
  const [y, m, d, h] = hour.split('/');
  return `${y}-${m}-${d}T${h}:00:00.000Z`;
}

/**
 * Violation history of SageMaker schedules over long ranges, through Athena over the reports in
 * S3 (table DDL: docs/athena-tables.md). The table name comes from config (validated as a plain
 * identifier); every value is a bound parameter. The partition columns `endpoint` and
 * `schedule` are projected (injected) and `report_hour` is a projected date string, so a query
 * reads only the folders of one schedule within the range.
 */
export class AthenaViolationsHistory {
  constructor(
    private readonly engine: SqlEngine,
    private readonly table: string,
  ) {}

  /** The SQL template; exported for the docs and the tests. */
  sql(): string {
    return `SELECT report_hour, v.constraint_check_type AS check_type, count(*) AS n
FROM "${this.table}" CROSS JOIN UNNEST(violations) AS t(v)
WHERE endpoint = ? AND schedule = ? AND report_hour >= ? AND report_hour < ?
GROUP BY report_hour, v.constraint_check_type
ORDER BY report_hour`;
  }

  async violationsByWindow(
    endpointName: string,
    scheduleName: string,
    range: { from: Date; to: Date },
  ): Promise<ViolationsPoint[]> {
    const rows = await this.engine.query<{ report_hour: string; check_type: string | null; n: number }>(this.sql(), [
      endpointName,
      scheduleName,
      reportHour(range.from),
      reportHour(range.to),
    ]);
    const byHour = new Map<string, ViolationsPoint>();
    for (const row of rows) {
      const time = hourToIso(String(row.report_hour));
      const point = byHour.get(time) ?? { time, total: 0, byCheckType: {} };
      const check = row.check_type ?? 'unknown';
      point.byCheckType[check] = (point.byCheckType[check] ?? 0) + Number(row.n);
      point.total += Number(row.n);
      byHour.set(time, point);
    }
    return [...byHour.values()].sort((a, b) => a.time.localeCompare(b.time));
  }
}
