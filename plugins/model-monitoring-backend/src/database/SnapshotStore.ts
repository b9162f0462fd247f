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
  private writes = 0;
  private refsCache?: { version: number; expires: number; refs: Promise<string[]> };

  constructor(private readonly knex: Knex) {}

  /**
   * Changes whenever this process writes a snapshot: overview answers cached under an older
   * version are never served again. Writes of another replica are not seen here; the caches
   * keyed by it bound that staleness with their time to live.
   */
  get version(): number {
    return this.writes;
  }

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
    this.writes++;
  }

  async get(entityRef: string): Promise<OverviewRow | undefined> {
    const row = await this.knex<SnapshotRow>('model_status_snapshots')
      .where({ entity_ref: entityRef })
      .first();
    return row ? toRow(row) : undefined;
  }

  async removeExcept(entityRefs: string[]): Promise<number> {
    const removed = await this.knex('model_status_snapshots').whereNotIn('entity_ref', entityRefs).delete();
    this.writes++;
    return removed;
  }

  /**
   * Entity refs of every snapshot row, sorted: the candidates of the overview's visibility
   * check. Kept until the next write here, and at most `ttlMs` (writes of other replicas).
   */
  async refs(ttlMs = 10_000): Promise<string[]> {
    const cached = this.refsCache;
    if (cached && cached.version === this.writes && cached.expires > Date.now()) return cached.refs;
    const refs = this.knex('model_status_snapshots')
      .select('entity_ref')
      .orderBy('entity_ref')
      .then((rows: Array<{ entity_ref: string }>) => rows.map(r => r.entity_ref));
    const entry = { version: this.writes, expires: Date.now() + ttlMs, refs };
    this.refsCache = entry;
    // A failed read is not kept: the next caller reads again.
    refs.catch(() => {
      if (this.refsCache === entry) this.refsCache = undefined;
    });
    return refs;
  }

  /**
   * One page of the overview. `visibleRefs` restricts rows to entities the caller may read
   * (undefined = no restriction, for internal use only). Every value is a bound parameter.
   *
   * Two statements: the refs and health of every row matching the filters, in page order (two
   * narrow columns, through the sort index), from which the caller's visible rows, the health
   * counts and the total are taken here; then the full rows of the page only. Restricting the
   * statements to a thousand visible refs instead cost more than the rest of the page view.
   */
  async query(query: Required<Pick<OverviewQuery, 'offset' | 'limit' | 'sort' | 'order'>> &
    OverviewQuery, visibleRefs?: ReadonlySet<string> | string[]): Promise<OverviewResponse> {
    const column = SORT_COLUMNS[query.sort];
    // Missing values (no owner, never ran) sort first ascending and last descending. Spelled out
    // rather than through knex's `nulls` option: on SQLite that option orders by
    // `(column is not null)` alone and drops the column itself.
    const ordered: Array<{ entity_ref: string; health: string }> = await this.filtered(query)
      .select('entity_ref', 'health')
      .orderByRaw(`(?? is null) ${query.order === 'asc' ? 'desc' : 'asc'}`, [column])
      .orderBy([
        { column, order: query.order },
        { column: 'entity_ref', order: 'asc' },
      ]);
    const visible = Array.isArray(visibleRefs) ? new Set(visibleRefs) : visibleRefs;
    const wanted = query.health?.length ? new Set<string>(query.health) : undefined;
    // Health chips count over the other filters, so a chip shows what clicking it would give.
    const healthCounts: Partial<Record<ModelHealth, number>> = {};
    const matching: string[] = [];
    for (const row of ordered) {
      if (visible && !visible.has(row.entity_ref)) continue;
      const health = row.health as ModelHealth;
      healthCounts[health] = (healthCounts[health] ?? 0) + 1;
      if (!wanted || wanted.has(health)) matching.push(row.entity_ref);
    }
    const pageRefs = matching.slice(query.offset, query.offset + query.limit);
    const rows: SnapshotRow[] = pageRefs.length
      ? await this.knex<SnapshotRow>('model_status_snapshots').whereIn('entity_ref', pageRefs)
      : [];
    const position = new Map(pageRefs.map((ref, i) => [ref, i]));
    rows.sort((a, b) => position.get(a.entity_ref)! - position.get(b.entity_ref)!);
    return {
      items: rows.map(toRow),
      totalCount: matching.length,
      offset: query.offset,
      limit: query.limit,
      healthCounts,
    };
  }

  /** Rows matching every filter but health. */
  private filtered(query: OverviewQuery): Knex.QueryBuilder {
    const q = this.knex<SnapshotRow>('model_status_snapshots');
    if (query.source?.length) q.whereIn('source', query.source);
    if (query.risk?.length) q.whereIn('risk_rating', query.risk);
    if (query.owner) q.where('owner', query.owner);
    if (query.q) {
      const like = `%${query.q.toLocaleLowerCase('en-US').replace(/[\\%_]/g, c => `\\${c}`)}%`;
      q.where(b =>
        b.whereRaw("title_lower like ? escape '\\'", [like]).orWhereRaw("entity_ref like ? escape '\\'", [like]),
      );
    }
    return q;
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
