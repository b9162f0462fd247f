/* REST API types: overview. See ./index.ts for the conventions every route shares. */
import type { ModelRiskRating, MonitoringSource } from '../annotations';
import type { MonitorType, ModelHealth } from './vocabulary';

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
