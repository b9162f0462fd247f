import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { MissingAnnotationEmptyState } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  ANNOTATION_ENDPOINT,
  SourceError,
} from '@mlmon/plugin-model-monitoring-common';
import { ReactNode } from 'react';
import { MonitoringDataState } from './useMonitoringData';

/**
 * Renders the state of a card's data: missing annotation, loading, error, empty, or the
 * content. `isEmpty` decides what "no data yet" means for the card.
 */
export function CardStates<T>(props: {
  state: Pick<
    MonitoringDataState<T>,
    'available' | 'loading' | 'error' | 'value'
  >;
  isEmpty?: (value: T) => boolean;
  emptyTitle?: string;
  emptyDescription?: string;
  children: (value: T) => ReactNode;
}) {
  const { state, isEmpty, emptyTitle, emptyDescription, children } = props;
  if (!state.available) {
    return <MissingAnnotationEmptyState annotation={ANNOTATION_ENDPOINT} />;
  }
  if (state.loading) {
    return <Progress />;
  }
  if (state.error) {
    return <ResponseErrorPanel error={state.error} />;
  }
  if (state.value === undefined || (isEmpty && isEmpty(state.value))) {
    return (
      <EmptyState
        missing="data"
        title={emptyTitle ?? 'No monitoring data yet'}
        description={emptyDescription}
      />
    );
  }
  return <>{children(state.value)}</>;
}

/** Small inline empty message, for sections of the dashboard where a big EmptyState is too much. */
export function EmptyNote({ children }: { children: ReactNode }) {
  return (
    <Typography variant="body2" color="textSecondary">
      {children}
    </Typography>
  );
}

/** Parts of a response that failed (e.g. CloudWatch throttled) while the rest is valid. */
export function SourceErrors({ errors }: { errors?: SourceError[] }) {
  if (!errors?.length) {
    return null;
  }
  return (
    <>
      {errors.map(e => (
        <Alert
          key={`${e.source}-${e.code}`}
          severity="warning"
          style={{ marginBottom: 8 }}
        >
          {e.source} ({e.code}): {e.message}
        </Alert>
      ))}
    </>
  );
}
