import { Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import type {
  OverviewResponse,
  OverviewRow,
} from '@mlmon/plugin-model-monitoring-common';
import { MONITOR_TYPES } from '@mlmon/plugin-model-monitoring-common';
import { MutableRefObject } from 'react';
import { modelMonitoringApiRef } from '../../api';
import {
  formatDateTime,
  formatRelative,
  HealthStatus,
  MONITOR_LABELS,
  RiskStatus,
} from '../shared';
import { OverviewFilters, TableQuery, toOverviewQuery } from './overviewQuery';

const SOURCE_LABELS = { builtin: 'Built-in', sagemaker: 'SageMaker' } as const;

const columns: TableColumn<OverviewRow>[] = [
  {
    title: 'Model',
    field: 'title',
    highlight: true,
    render: r => <EntityRefLink entityRef={r.entityRef} title={r.title} />,
  },
  {
    title: 'Status',
    field: 'health',
    render: r => <HealthStatus health={r.health} />,
  },
  {
    title: 'Risk',
    field: 'riskRating',
    render: r => <RiskStatus risk={r.riskRating} />,
  },
  {
    title: 'Owner',
    field: 'owner',
    render: r =>
      r.owner ? <EntityRefLink entityRef={r.owner} defaultKind="group" /> : '—',
  },
  { title: 'Source', field: 'source', render: r => SOURCE_LABELS[r.source] },
  {
    title: 'Last run',
    field: 'lastRunAt',
    render: r =>
      r.lastRunAt ? (
        <span title={formatDateTime(r.lastRunAt)}>
          {formatRelative(r.lastRunAt)}
        </span>
      ) : (
        'never'
      ),
  },
  { title: 'Open alerts', field: 'openAlerts', type: 'numeric' },
  {
    title: 'Coverage',
    field: 'coverage',
    render: r => (
      <span
        aria-label={`${r.coverage.length} of ${MONITOR_TYPES.length} monitors`}
      >
        {r.coverage.map(t => (
          <Chip
            key={t}
            size="small"
            label={MONITOR_LABELS[t]}
            style={{ margin: 2 }}
          />
        ))}
      </span>
    ),
  },
];

/**
 * The overview table. Paging, sorting and search run on the server (GET /overview), so the
 * page stays fast with hundreds of models.
 */
export function OverviewTable(props: {
  filters: OverviewFilters;
  tableRef: MutableRefObject<unknown>;
  onResponse: (response: OverviewResponse) => void;
  onError: (error: Error | undefined) => void;
}) {
  const api = useApi(modelMonitoringApiRef);
  const { filters, onResponse, onError } = props;
  return (
    <Table<OverviewRow>
      title="Monitored models"
      tableRef={props.tableRef}
      columns={columns}
      options={{
        paging: true,
        pageSize: 25,
        pageSizeOptions: [25, 50, 100, 200],
        search: true,
        debounceInterval: 300,
        padding: 'dense',
      }}
      localization={{ toolbar: { searchPlaceholder: 'Search models' } }}
      data={async query => {
        let response: OverviewResponse;
        try {
          response = await api.getOverview(
            toOverviewQuery(query as TableQuery, filters),
          );
        } catch (e) {
          // material-table swallows rejections; the page shows the error above the table.
          onError(e as Error);
          return { data: [], page: 0, totalCount: 0 };
        }
        onError(undefined);
        onResponse(response);
        return {
          data: response.items,
          page: Math.floor(response.offset / Math.max(response.limit, 1)),
          totalCount: response.totalCount,
        };
      }}
    />
  );
}
