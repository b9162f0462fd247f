import type { Knex } from 'knex';
import {
  MODEL_HEALTH_STATES,
  MODEL_RISK_RATINGS,
  type ModelHealth,
  type ModelRiskRating,
  type MonitoringSource,
  type MonitorType,
  type OverviewQuery,
  type OverviewResponse,
  type OverviewRow,
} from '@mlmon/plugin-model-monitoring-common';

interface SnapshotRow {
  entity_ref: string;
  title: string;
  title_lower: string;
  owner: string | null;
  source: string;
  endpoint_name: string;
  health: string;
  health_rank: number;
  risk_rating: string;
  risk_rank: number;
  last_run_at: Date | string | null;
  open_alerts: number;
  coverage_count: number;
  coverage_json: string;
  updated_at: Date | string;
}

// Sort keys map to fixed column names: a client only ever picks one of these by name.
const SORT_COLUMNS: Record<NonNullable<OverviewQuery['sort']>, string> = {
  title: 'title_lower',
  owner: 'owner',
  source: 'source',
  health: 'health_rank',
  risk: 'risk_rank',
  lastRun: 'last_run_at',
  openAlerts: 'open_alerts',
  coverage: 'coverage_count',
};

/**
 * Per-model status snapshots: the overview is one filtered, sorted, paged query over this table
 * (plus one grouped count), never a call to a monitoring source.
 */
export class SnapshotStore {
  constructor(private readonly knex: Knex) {}

  async upsert(row: OverviewRow): Promise<void> {
    const record: SnapshotRow = {
      entity_ref: row.entityRef,
      title: row.title,
      title_lower: row.title.toLocaleLowerCase('en-US'),
      owner: row.owner ?? null,
      source: row.source,
      endpoint_name: row.endpointName,
      health: row.health,
      health_rank: MODEL_HEALTH_STATES.indexOf(row.health),
      risk_rating: row.riskRating,
      risk_rank: MODEL_RISK_RATINGS.indexOf(row.riskRating),
      last_run_at: row.lastRunAt ? new Date(row.lastRunAt) : null,
      open_alerts: row.openAlerts,
      coverage_count: row.coverage.length,
      coverage_json: JSON.stringify(row.coverage),
      updated_at: new Date(row.updatedAt),
    };
    await this.knex<SnapshotRow>('model_status_snapshots')
      .insert(record)
      .onConflict('entity_ref')
      .merge();
  }

  async get(entityRef: string): Promise<OverviewRow | undefined> {
    const row = await this.knex<SnapshotRow>('model_status_snapshots')
      .where({ entity_ref: entityRef })
      .first();
    return row ? toRow(row) : undefined;
  }

  async removeExcept(entityRefs: string[]): Promise<number> {
    return this.knex('model_status_snapshots').whereNotIn('entity_ref', entityRefs).delete();
  }

  /**
   * One page of the overview. `visibleRefs` restricts rows to entities the caller may read
   * (undefined = no restriction, for internal use only). Every value is a bound parameter.
   */
  async query(query: Required<Pick<OverviewQuery, 'offset' | 'limit' | 'sort' | 'order'>> &
    OverviewQuery, visibleRefs?: string[]): Promise<OverviewResponse> {
    const filtered = () => {
      const q = this.knex<SnapshotRow>('model_status_snapshots');
      if (visibleRefs) q.whereIn('entity_ref', visibleRefs);
      if (query.source?.length) q.whereIn('source', query.source);
      if (query.risk?.length) q.whereIn('risk_rating', query.risk);
      if (query.owner) q.where('owner', query.owner);
      if (query.q) {
        const like = `%${query.q.toLocaleLowerCase('en-US').replace(/[\\%_]/g, c => `\\${c}`)}%`;
        q.where(b =>
          b.whereRaw("title_lower like ? escape '\\'", [like]).orWhereRaw(
            "entity_ref like ? escape '\\'",
            [like],
          ),
        );
      }
      return q;
    };
    const page = filtered();
    if (query.health?.length) page.whereIn('health', query.health);
    const column = SORT_COLUMNS[query.sort];
    const rows: SnapshotRow[] = await page
      .clone()
      .orderBy([
        { column, order: query.order, nulls: query.order === 'asc' ? 'first' : 'last' },
        { column: 'entity_ref', order: 'asc' },
      ])
      .offset(query.offset)
      .limit(query.limit);
    const [{ total }] = await page.clone().count({ total: '*' });
    // Health chips count over the other filters, so a chip shows what clicking it would give.
    const counts: Array<{ health: string; n: number | string }> = await filtered()
      .select('health')
      .count({ n: '*' })
      .groupBy('health');
    const healthCounts: Partial<Record<ModelHealth, number>> = {};
    for (const c of counts) healthCounts[c.health as ModelHealth] = Number(c.n);
    return {
      items: rows.map(toRow),
      totalCount: Number(total),
      offset: query.offset,
      limit: query.limit,
      healthCounts,
    };
  }
}

function toRow(r: SnapshotRow): OverviewRow {
  return {
    entityRef: r.entity_ref,
    title: r.title,
    owner: r.owner ?? undefined,
    source: r.source as MonitoringSource,
    endpointName: r.endpoint_name,
    health: r.health as ModelHealth,
    riskRating: r.risk_rating as ModelRiskRating,
    lastRunAt: r.last_run_at === null ? undefined : new Date(r.last_run_at).toISOString(),
    openAlerts: Number(r.open_alerts),
    coverage: JSON.parse(r.coverage_json) as MonitorType[],
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}
