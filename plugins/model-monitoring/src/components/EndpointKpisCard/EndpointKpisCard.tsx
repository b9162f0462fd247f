import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import type { TrafficResponse } from '@mlmon/plugin-model-monitoring-common';
import { ReactNode } from 'react';
import {
  CardStates,
  formatCount,
  formatDuration,
  formatNumber,
  formatPercent,
  SourceErrors,
  Sparkline,
  useMonitoringData,
} from '../shared';
import { summarizeTraffic } from './summarizeTraffic';

const DAY_MS = 24 * 3_600_000;

function Kpi(props: {
  label: string;
  value: string;
  hint?: ReactNode;
  title?: string;
}) {
  return (
    <Grid item xs={6} sm={3}>
      <Typography variant="overline" color="textSecondary" component="div">
        {props.label}
      </Typography>
      <Typography variant="h5" component="div" title={props.title}>
        {props.value}
      </Typography>
      {props.hint && (
        <Typography variant="caption" color="textSecondary">
          {props.hint}
        </Typography>
      )}
    </Grid>
  );
}

function KpiContent({ value }: { value: TrafficResponse }) {
  const kpis = summarizeTraffic(value);
  return (
    <>
      <SourceErrors errors={value.sourceErrors} />
      <Grid container spacing={2}>
        <Kpi
          label="Invocations"
          value={formatCount(kpis.invocations)}
          title={formatNumber(kpis.invocations, 0)}
          hint="last 24 hours"
        />
        <Kpi
          label="Errors"
          value={formatCount(kpis.errors)}
          title={formatNumber(kpis.errors, 0)}
          hint={
            kpis.errorRate !== undefined
              ? `${formatPercent(kpis.errorRate)} of calls`
              : 'no calls'
          }
        />
        <Kpi
          label="Latency p50"
          value={
            kpis.latencyP50Ms !== undefined
              ? formatDuration(kpis.latencyP50Ms)
              : '—'
          }
          hint={
            kpis.p50FromAverages
              ? 'median of period averages'
              : 'median of periods'
          }
        />
        <Kpi
          label="Latency p99"
          value={
            kpis.latencyP99Ms !== undefined
              ? formatDuration(kpis.latencyP99Ms)
              : '—'
          }
          hint={
            kpis.latencyP99Ms !== undefined ? 'worst period' : 'not reported'
          }
        />
      </Grid>
      <Box mt={1}>
        <Sparkline
          points={value.invocations}
          label="Invocations per period over the last day"
        />
      </Box>
    </>
  );
}

/** Latency, invocations and errors of the model's endpoint over the last day. */
export function EndpointKpisCard() {
  const state = useMonitoringData((api, ref) => {
    const to = new Date(Date.now());
    return api.getTraffic(ref, {
      from: new Date(to.getTime() - DAY_MS).toISOString(),
      to: to.toISOString(),
    });
  });
  return (
    <InfoCard title="Endpoint KPIs" subheader="Last 24 hours">
      <CardStates
        state={state}
        isEmpty={v => v.invocations.every(p => !p.value)}
        emptyTitle="No traffic in the last day"
        emptyDescription="The endpoint received no captured requests in the last 24 hours."
      >
        {v => <KpiContent value={v} />}
      </CardStates>
    </InfoCard>
  );
}
