import { InfoCard } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  CardStates,
  formatMetric,
  SourceErrors,
  useMonitoringData,
} from '../shared';
import { DistributionOverlay } from './DistributionOverlay';
import { TimeSeriesChart } from './TimeSeriesChart';

/** The model's output: baseline vs newest window, and its mean over time. */
export function PredictionsSection({ spanMs }: { spanMs: number }) {
  const predictions = useMonitoringData(
    (api, ref) => api.getPredictions(ref),
    [],
  );
  return (
    <InfoCard
      title="Prediction distribution"
      subheader={predictions.value?.attribute}
    >
      <CardStates
        state={predictions}
        isEmpty={v => !v.baseline && !v.window && v.series.length === 0}
        emptyTitle="No predictions captured yet"
      >
        {v => (
          <>
            <SourceErrors errors={v.errors} />
            <Grid container spacing={2}>
              <Grid item xs={12} md={6}>
                <Typography variant="subtitle2">
                  Baseline vs newest window
                </Typography>
                <DistributionOverlay
                  label={`Distribution of predictions (${v.attribute}): baseline versus window`}
                  baseline={v.baseline}
                  window={v.window}
                />
              </Grid>
              <Grid item xs={12} md={6}>
                <Typography variant="subtitle2">
                  Mean prediction per window
                </Typography>
                <TimeSeriesChart
                  label="Mean prediction over time"
                  height={240}
                  series={[
                    { key: 'value', name: 'prediction', points: v.series },
                  ]}
                  spanMs={spanMs}
                  formatValue={formatMetric}
                />
              </Grid>
            </Grid>
          </>
        )}
      </CardStates>
    </InfoCard>
  );
}
