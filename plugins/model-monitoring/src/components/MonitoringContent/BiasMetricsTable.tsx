import {
  StatusError,
  StatusOK,
  StatusWarning,
  Table,
  TableColumn,
} from '@backstage/core-components';
import type { BiasMetricSeries } from '@mlmon/plugin-model-monitoring-common';
import { formatMetric } from '../shared';
import { bandInWords, isOutsideBand } from './clarifyWords';

type Status = 'Violated' | 'Outside band' | 'OK' | 'No value';
const STATUS_RANK: Record<Status, number> = {
  Violated: 0,
  'Outside band': 1,
  OK: 2,
  'No value': 3,
};

function statusOf(m: BiasMetricSeries): Status {
  if (m.violated) return 'Violated';
  if (m.latest === null) return 'No value';
  // A metric the monitor does not check can still leave the band: say so, without alarm.
  return isOutsideBand(m.latest, m.band) ? 'Outside band' : 'OK';
}

function StatusCell({ metric }: { metric: BiasMetricSeries }) {
  const status = statusOf(metric);
  if (status === 'Violated') return <StatusError>Violated</StatusError>;
  if (status === 'Outside band')
    return <StatusWarning>Outside band</StatusWarning>;
  if (status === 'OK') return <StatusOK>OK</StatusOK>;
  return <>No value</>;
}

/** The newest value of each bias metric against its baseline, band and ideal. */
export function BiasMetricsTable({ metrics }: { metrics: BiasMetricSeries[] }) {
  const columns: TableColumn<BiasMetricSeries>[] = [
    {
      title: 'Metric',
      field: 'description',
      highlight: true,
      render: m => m.description || m.metric,
    },
    {
      title: 'Latest',
      field: 'latest',
      type: 'numeric',
      render: m => formatMetric(m.latest),
    },
    {
      title: 'Baseline',
      field: 'baseline',
      type: 'numeric',
      render: m => formatMetric(m.baseline),
    },
    {
      title: 'Allowed band',
      field: 'band',
      sorting: false,
      render: m => bandInWords(m.band),
    },
    {
      title: 'Ideal',
      field: 'ideal',
      type: 'numeric',
      render: m => formatMetric(m.ideal),
    },
    {
      title: 'Status',
      field: 'violated',
      customSort: (a, b) => STATUS_RANK[statusOf(a)] - STATUS_RANK[statusOf(b)],
      customFilterAndSearch: (term: string, m) =>
        statusOf(m).toLowerCase().includes(String(term).toLowerCase()),
      render: m => <StatusCell metric={m} />,
    },
  ];
  return (
    <Table<BiasMetricSeries>
      title="Newest values against the baseline"
      options={{ paging: false, padding: 'dense' }}
      // material-table writes into its rows; give it copies.
      data={metrics.map(m => ({ ...m }))}
      columns={columns}
    />
  );
}
