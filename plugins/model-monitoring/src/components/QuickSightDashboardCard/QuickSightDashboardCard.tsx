import {
  EmptyState,
  InfoCard,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import { ResponseError } from '@backstage/errors';
import {
  ANNOTATION_QUICKSIGHT_DASHBOARD,
  DashboardEmbedResponse,
} from '@mlmon/plugin-model-monitoring-common';
import { CardStates, useMonitoringData } from '../shared';

/** Turns the backend's refusal into words a model owner can act on. */
function DashboardError({ error, retry }: { error: Error; retry: () => void }) {
  const status = error instanceof ResponseError ? error.statusCode : undefined;
  if (status === 403) {
    return (
      <EmptyState
        missing="info"
        title="You may not view this dashboard"
        description="Embedding a model's QuickSight dashboard needs the model-monitoring.dashboard.embed permission on this entity. Ask the model's owners or your Backstage admins for access."
      />
    );
  }
  if (status === 404) {
    return (
      <EmptyState
        missing="info"
        title="Dashboard not found"
        description={`QuickSight does not know the dashboard named in ${ANNOTATION_QUICKSIGHT_DASHBOARD}, or the entity is not monitored. ${error.message}`}
      />
    );
  }
  if (status === 501 || status === 503) {
    return (
      <EmptyState
        missing="info"
        title="QuickSight is not configured"
        description={`This Backstage instance has no SageMaker / QuickSight account configured under modelMonitoring.sagemaker, so dashboards cannot be embedded. ${error.message}`}
        action={
          <Button variant="outlined" onClick={retry}>
            Try again
          </Button>
        }
      />
    );
  }
  return <ResponseErrorPanel error={error} />;
}

function Dashboard({ value }: { value: DashboardEmbedResponse }) {
  return (
    <iframe
      title={`QuickSight dashboard ${value.dashboardId}`}
      src={value.embedUrl}
      style={{ width: '100%', height: 720, border: 0, display: 'block' }}
      // QuickSight needs scripts and its own origin; nothing else is granted.
      sandbox="allow-scripts allow-same-origin allow-popups allow-forms allow-downloads"
    />
  );
}

/**
 * The Amazon QuickSight dashboard the entity names (mlmon.dev/quicksight-dashboard),
 * embedded with a one-time URL the backend generates for the signed-in user.
 */
export function QuickSightDashboardCard() {
  const { entity } = useEntity();
  const named = Boolean(
    entity.metadata.annotations?.[ANNOTATION_QUICKSIGHT_DASHBOARD],
  );
  // No request without the annotation: the backend would only answer 404.
  const state = useMonitoringData(
    async (api, ref) => (named ? api.getDashboardEmbed(ref) : undefined),
    [named],
  );
  let content;
  if (state.available && !named) {
    content = (
      <MissingAnnotationEmptyState
        annotation={ANNOTATION_QUICKSIGHT_DASHBOARD}
      />
    );
  } else if (state.error) {
    content = <DashboardError error={state.error} retry={state.retry} />;
  } else {
    content = (
      <CardStates state={state}>{v => <Dashboard value={v} />}</CardStates>
    );
  }
  return (
    <InfoCard title="QuickSight dashboard" noPadding={Boolean(state.value)}>
      {content}
    </InfoCard>
  );
}
