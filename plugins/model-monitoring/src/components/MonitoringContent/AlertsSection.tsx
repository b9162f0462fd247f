import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { CardStates, useMonitoringData } from '../shared';
import { AlertHistoryTable, AlertRulesTable } from './AlertsSectionHistory';
import { AlertStatesTable } from './AlertsSectionStates';

function Heading({ children }: { children: string }) {
  return (
    <Box mt={2} mb={1}>
      <Typography variant="subtitle1" component="h3">
        {children}
      </Typography>
    </Box>
  );
}

/**
 * The model's alerts: where each stands, who acknowledged it, how they changed lately, and
 * the rules behind them. `refreshKey` reloads after something elsewhere (a run) changed them.
 */
export function AlertsSection({ refreshKey = 0 }: { refreshKey?: number }) {
  const state = useMonitoringData(
    (api, ref) => api.getAlerts(ref),
    [refreshKey],
  );
  const open = state.value?.states.filter(s => s.status === 'InAlert').length;
  return (
    <InfoCard
      title="Alerts"
      subheader={open === undefined ? undefined : `${open} open`}
    >
      <CardStates
        state={state}
        isEmpty={v => v.rules.length === 0 && v.states.length === 0}
        emptyTitle="No alert rules"
        emptyDescription="This model has no alert rules, so nothing can alert."
      >
        {v => (
          <>
            <AlertStatesTable states={v.states} onAcknowledged={state.retry} />
            <Heading>Recent changes</Heading>
            <AlertHistoryTable history={v.history} />
            <Heading>Rules</Heading>
            <AlertRulesTable rules={v.rules} />
          </>
        )}
      </CardStates>
    </InfoCard>
  );
}
