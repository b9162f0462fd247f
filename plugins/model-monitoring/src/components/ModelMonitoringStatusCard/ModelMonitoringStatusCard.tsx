import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import type {
  ModelMonitoringSummary,
  MonitorSummary,
} from '@mlmon/plugin-model-monitoring-common';
import {
  CardStates,
  ExecutionStatusLabel,
  formatDateTime,
  formatRelative,
  HealthStatus,
  MONITOR_LABELS,
  SourceErrors,
  useEntityMonitoringLink,
  useMonitoringData,
} from '../shared';
import { FeaturesToLookAtFirst } from './FeaturesToLookAtFirst';
import { useListRowStyles } from './listRowStyles';

const MAX_CHIPS = 5;

const useStyles = makeStyles(theme => ({
  chips: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
    marginTop: 4,
  },
}));

function MonitorItem({ monitor }: { monitor: MonitorSummary }) {
  const classes = { ...useListRowStyles(), ...useStyles() };
  const last = monitor.lastExecution;
  const violations = last?.violations ?? [];
  return (
    <ListItem divider className={classes.item}>
      <div className={classes.head}>
        <Typography variant="subtitle2">
          {MONITOR_LABELS[monitor.monitorType]}
        </Typography>
        <ExecutionStatusLabel status={last?.status} />
      </div>
      <Typography variant="caption" color="textSecondary" component="div">
        {monitor.scheduleName}
      </Typography>
      <Typography variant="body2" component="div">
        {last ? (
          <span title={formatDateTime(last.windowEnd)}>
            Last window ended {formatRelative(last.windowEnd)}
          </span>
        ) : (
          'Not run yet'
        )}
        {monitor.nextRunAt && (
          <span title={formatDateTime(monitor.nextRunAt)}>
            {' · next run '}
            {formatRelative(monitor.nextRunAt)}
          </span>
        )}
      </Typography>
      {last?.failureReason && (
        <Typography variant="body2" color="error">
          {last.failureReason}
        </Typography>
      )}
      {monitor.failureReason && (
        <Typography variant="body2" color="error">
          Schedule failed: {monitor.failureReason}
        </Typography>
      )}
      {violations.length > 0 && (
        <div
          className={classes.chips}
          aria-label="Violated features or metrics"
        >
          {violations.slice(0, MAX_CHIPS).map(v => (
            <Chip key={v} size="small" variant="outlined" label={v} />
          ))}
          {violations.length > MAX_CHIPS && (
            <Chip
              size="small"
              label={`+${violations.length - MAX_CHIPS} more`}
            />
          )}
        </div>
      )}
    </ListItem>
  );
}

function StatusContent({ value }: { value: ModelMonitoringSummary }) {
  return (
    <>
      <SourceErrors errors={value.errors} />
      <Box display="flex" justifyContent="space-between" alignItems="center">
        <Typography variant="body2" color="textSecondary">
          Overall
        </Typography>
        <HealthStatus health={value.health} />
      </Box>
      <List dense disablePadding>
        {value.monitors.map(m => (
          <MonitorItem key={m.scheduleName} monitor={m} />
        ))}
      </List>
      <FeaturesToLookAtFirst monitors={value.monitors} />
    </>
  );
}

const SOURCE_LABELS = {
  builtin: 'built-in monitor',
  sagemaker: 'SageMaker',
} as const;

/**
 * Per-monitor status of the model on the current entity page: last execution, status,
 * violated features or metrics, next run. Laid out as a list so it reads well in the
 * narrow "info" column beside "About".
 */
export function ModelMonitoringStatusCard() {
  const state = useMonitoringData((api, ref) => api.getSummary(ref));
  const link = useEntityMonitoringLink();
  const value = state.value;
  return (
    <InfoCard
      title="Model monitoring"
      subheader={
        value
          ? `${value.endpointName} · ${SOURCE_LABELS[value.source]} · risk ${
              value.riskRating
            }`
          : undefined
      }
      deepLink={
        link && state.available
          ? { title: 'Open the monitoring dashboard', link }
          : undefined
      }
    >
      <CardStates
        state={state}
        isEmpty={v => v.monitors.length === 0}
        emptyTitle="No monitoring schedules yet"
        emptyDescription={`No monitoring schedules yet for endpoint ${value?.endpointName}. Onboard the model with the "Monitor a model" template or create a schedule.`}
      >
        {v => <StatusContent value={v} />}
      </CardStates>
    </InfoCard>
  );
}
