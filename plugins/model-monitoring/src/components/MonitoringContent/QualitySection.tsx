import { InfoCard } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  CardStates,
  formatMetric,
  metricLabel,
  SourceErrors,
  useMonitoringData,
} from '../shared';
import { TimeSeriesChart } from './TimeSeriesChart';

/** Model-quality metrics over time, one small chart per metric (their scales differ). */
export function QualitySection({
  range,
}: {
  range: { from: string; to: string; spanMs: number };
}) {
  const state = useMonitoringData(
    (api, ref) => api.getQuality(ref, { from: range.from, to: range.to }),
    [range.from, range.to],
  );
  return (
    <InfoCard
      title="Model quality over time"
      subheader={state.value?.problemType}
    >
      <CardStates
        state={state}
        isEmpty={v => v.metrics.length === 0}
        emptyTitle="No model-quality results in this range"
        emptyDescription="Model quality needs ground-truth labels merged with captured predictions."
      >
        {v => (
          <>
            <SourceErrors errors={v.errors} />
            <Grid container spacing={2}>
              {v.metrics.map(m => (
                <Grid item xs={12} md={6} key={m.metric}>
                  <Typography variant="subtitle2">
                    {metricLabel(m.metric)}
                  </Typography>
                  <TimeSeriesChart
                    label={`${metricLabel(m.metric)} over time`}
                    height={180}
                    series={[
                      {
                        key: 'value',
                        name: metricLabel(m.metric),
                        points: m.points,
                      },
                    ]}
                    thresholds={[
                      ...(m.threshold !== undefined
                        ? [
                            {
                              value: m.threshold,
                              label: `threshold ${formatMetric(m.threshold)}`,
                            },
                          ]
                        : []),
                    ]}
                    spanMs={range.spanMs}
                    formatValue={formatMetric}
                  />
                </Grid>
              ))}
            </Grid>
          </>
        )}
      </CardStates>
    </InfoCard>
  );
}
