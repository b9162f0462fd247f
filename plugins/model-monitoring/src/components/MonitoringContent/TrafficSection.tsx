import { InfoCard } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  CardStates,
  formatCount,
  formatDuration,
  SourceErrors,
  useMonitoringData,
} from '../shared';
import { ChartSeries, TimeSeriesChart } from './TimeSeriesChart';

/** Latency and traffic of the endpoint over the dashboard's range. */
export function TrafficSection({
  range,
}: {
  range: { from: string; to: string; spanMs: number };
}) {
  const state = useMonitoringData(
    (api, ref) => api.getTraffic(ref, { from: range.from, to: range.to }),
    [range.from, range.to],
  );
  return (
    <InfoCard title="Latency and traffic">
      <CardStates
        state={state}
        isEmpty={v => v.invocations.length === 0}
        emptyTitle="No traffic in this range"
      >
        {v => {
          const latency: ChartSeries[] = [
            ...(v.latencyP50Ms
              ? [{ key: 'p50', name: 'p50', points: v.latencyP50Ms }]
              : []),
            { key: 'avg', name: 'average', points: v.latencyAvgMs },
            ...(v.latencyP99Ms
              ? [{ key: 'p99', name: 'p99', points: v.latencyP99Ms }]
              : []),
          ];
          return (
            <>
              <SourceErrors errors={v.sourceErrors} />
              <Grid container spacing={2}>
                <Grid item xs={12} md={6}>
                  <Typography variant="subtitle2">Model latency</Typography>
                  <TimeSeriesChart
                    label="Model latency over time"
                    height={220}
                    series={latency}
                    spanMs={range.spanMs}
                    formatValue={formatDuration}
                  />
                </Grid>
                <Grid item xs={12} md={6}>
                  <Typography variant="subtitle2">
                    Invocations and errors per{' '}
                    {Math.round(v.periodSeconds / 60)} minutes
                  </Typography>
                  <TimeSeriesChart
                    label="Invocations and errors over time"
                    height={220}
                    series={[
                      {
                        key: 'invocations',
                        name: 'invocations',
                        points: v.invocations,
                      },
                      { key: 'e4', name: '4xx errors', points: v.errors4xx },
                      { key: 'e5', name: '5xx errors', points: v.errors5xx },
                    ]}
                    spanMs={range.spanMs}
                    formatValue={formatCount}
                  />
                </Grid>
              </Grid>
            </>
          );
        }}
      </CardStates>
    </InfoCard>
  );
}
