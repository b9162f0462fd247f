import type {
  ModelHealth,
  ModelRiskRating,
  MonitoringSource,
  OverviewQuery,
  OverviewSortField,
} from '@mlmon/plugin-model-monitoring-common';

/** The filters the page sets outside the table. */
export interface OverviewFilters {
  source: MonitoringSource[];
  health: ModelHealth[];
  risk: ModelRiskRating[];
}

export const EMPTY_FILTERS: OverviewFilters = {
  source: [],
  health: [],
  risk: [],
};

/** Table column fields → the backend's sort fields. */
const SORT_FIELDS: Record<string, OverviewSortField> = {
  title: 'title',
  owner: 'owner',
  source: 'source',
  health: 'health',
  riskRating: 'risk',
  lastRunAt: 'lastRun',
  openAlerts: 'openAlerts',
  coverage: 'coverage',
};

/** What material-table hands a remote data function, as far as this page uses it. */
export interface TableQuery {
  page: number;
  pageSize: number;
  search: string;
  orderBy?: { field?: unknown };
  orderDirection: 'asc' | 'desc' | '';
}

/** Translates the table's paging, sorting and search plus the page's filters into GET /overview. */
export function toOverviewQuery(
  table: TableQuery,
  filters: OverviewFilters,
): OverviewQuery {
  const field =
    typeof table.orderBy?.field === 'string' ? table.orderBy.field : undefined;
  const sort = field ? SORT_FIELDS[field] : undefined;
  return {
    offset: table.page * table.pageSize,
    limit: table.pageSize,
    ...(sort ? { sort, order: table.orderDirection || 'asc' } : {}),
    ...(table.search.trim() ? { q: table.search.trim() } : {}),
    ...(filters.source.length ? { source: filters.source } : {}),
    ...(filters.health.length ? { health: filters.health } : {}),
    ...(filters.risk.length ? { risk: filters.risk } : {}),
  };
}
