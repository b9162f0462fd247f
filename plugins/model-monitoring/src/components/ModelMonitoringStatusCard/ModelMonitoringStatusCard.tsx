import {
  InfoCard,
  MissingAnnotationEmptyState,
  Progress,
  ResponseErrorPanel,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import {
  ANNOTATION_ENDPOINT,
  ExecutionStatus,
  isModelMonitoringAvailable,
  MonitorSummary,
} from '@mlmon/plugin-model-monitoring-common';
import useAsync from 'react-use/esm/useAsync';
import { modelMonitoringApiRef } from '../../api';
import { formatDateTime } from '../format';

const MONITOR_LABELS: Record<string, string> = {
  DataQuality: 'Data quality',
  ModelQuality: 'Model quality',
  ModelBias: 'Bias drift',
  ModelExplainability: 'Feature attribution',
};

function StatusCell({ status }: { status?: ExecutionStatus }) {
  switch (status) {
    case 'Completed':
      return <StatusOK>Completed</StatusOK>;
    case 'CompletedWithViolations':
      return <StatusWarning>Violations found</StatusWarning>;
    case 'Failed':
      return <StatusError>Failed</StatusError>;
    case undefined:
      return <StatusPending>No run yet</StatusPending>;
    default:
      return <StatusPending>{status}</StatusPending>;
  }
}

const columns: TableColumn<MonitorSummary>[] = [
  {
    title: 'Monitor',
    render: m => MONITOR_LABELS[m.monitorType] ?? m.monitorType,
  },
  { title: 'Schedule', field: 'scheduleName' },
  { title: 'Status', render: m => <StatusCell status={m.lastExecution?.status} /> },
  {
    title: 'Violations',
    render: m =>
      m.lastExecution?.violations.length
        ? m.lastExecution.violations.join(', ')
        : m.lastExecution
        ? 'none'
        : '—',
  },
  {
    title: 'Last window end',
    render: m => (m.lastExecution ? formatDateTime(m.lastExecution.windowEnd) : '—'),
  },
];

/** Per-monitor status of the model shown on the current entity page. */
export function ModelMonitoringStatusCard() {
  const { entity } = useEntity();
  const api = useApi(modelMonitoringApiRef);
  const available = isModelMonitoringAvailable(entity);
  const { value, loading, error } = useAsync(
    async () => (available ? api.getSummary(getCompoundEntityRef(entity)) : undefined),
    [api, entity, available],
  );

  if (!available) {
    return <MissingAnnotationEmptyState annotation={ANNOTATION_ENDPOINT} />;
  }

  let content;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!value || value.monitors.length === 0) {
    content = (
      <Typography variant="body2">
        No monitoring schedules yet for endpoint {value?.endpointName}.
      </Typography>
    );
  } else {
    content = (
      <Table
        options={{ paging: false, search: false, toolbar: false, padding: 'dense' }}
        data={value.monitors}
        columns={columns}
      />
    );
  }

  return (
    <InfoCard
      title="Model monitoring"
      subheader={
        value ? `${value.endpointName} · ${value.source} · risk ${value.riskRating}` : undefined
      }
      noPadding={Boolean(value?.monitors.length)}
    >
      {content}
    </InfoCard>
  );
}
