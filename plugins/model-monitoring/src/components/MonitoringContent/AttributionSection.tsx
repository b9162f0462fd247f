import {
  InfoCard,
  StatusError,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import type { AttributionDriftResponse } from '@mlmon/plugin-model-monitoring-common';
import {
  CardStates,
  EmptyNote,
  formatDateTime,
  formatMetric,
  SourceErrors,
  useMonitoringData,
} from '../shared';
import { AttributionBars, AttributionTable } from './AttributionRanking';
import { BandedLineChart } from './BandedLineChart';
import { ndcgVerdict } from './clarifyWords';

function NdcgStatus({ value }: { value: AttributionDriftResponse }) {
  const verdict = ndcgVerdict(value);
  if (verdict.status === 'violated')
    return <StatusError>{verdict.text}</StatusError>;
  if (verdict.status === 'ok') return <StatusOK>{verdict.text}</StatusOK>;
  return <StatusPending>{verdict.text}</StatusPending>;
}

function NdcgChart(props: { value: AttributionDriftResponse; spanMs: number }) {
  const { value } = props;
  const latest = [...value.ndcg].reverse().find(p => p.value !== null);
  const caption = `NDCG now ${formatMetric(
    value.ndcgNow,
  )}, threshold ${formatMetric(value.threshold)}, ${value.ndcg.length} windows${
    latest ? `, newest ${formatDateTime(latest.time)}` : ''
  }`;
  return (
    <Box component="figure" m={0}>
      <Typography variant="subtitle2" component="h4">
        Ranking agreement with the baseline (NDCG)
      </Typography>
      <BandedLineChart
        label={`NDCG over time. ${caption}`}
        name="NDCG"
        points={value.ndcg}
        // Values at or above the threshold pass the feature_attribution_drift_check.
        band={{ lower: value.threshold, upper: 1 }}
        bandLabel="passes"
        markers={[
          {
            value: value.threshold,
            label: `threshold ${formatMetric(value.threshold)}`,
            kind: 'threshold',
          },
        ]}
        alert={value.violated}
        domain={[0, 1]}
        spanMs={props.spanMs}
        height={220}
        formatValue={v => v.toFixed(2)}
      />
      <Typography
        variant="caption"
        color="textSecondary"
        component="figcaption"
      >
        {caption}
      </Typography>
    </Box>
  );
}

/**
 * Whether the model still relies on the features it relied on at baseline: NDCG of the
 * attribution ranking over time with its threshold, and the ranking baseline vs now.
 */
export function AttributionSection({
  range,
}: {
  range: { from: string; to: string; spanMs: number };
}) {
  const state = useMonitoringData(
    (api, ref) => api.getAttribution(ref, { from: range.from, to: range.to }),
    [range.from, range.to],
  );
  const label = state.value?.label;
  return (
    <InfoCard
      title="Feature attribution drift"
      subheader={
        label
          ? `SHAP attributions explaining ${label}`
          : state.value?.scheduleName
      }
    >
      <CardStates
        state={state}
        isEmpty={v => v.features.length === 0 && v.ndcg.length === 0}
        emptyTitle="No feature-attribution results in this range"
        emptyDescription="Pick a longer time range, or wait for the explainability schedule to run."
      >
        {v => (
          <>
            <SourceErrors errors={v.errors} />
            <NdcgStatus value={v} />
            <Grid container spacing={2}>
              <Grid item xs={12} md={6}>
                <NdcgChart value={v} spanMs={range.spanMs} />
              </Grid>
              <Grid item xs={12} md={6}>
                <Typography variant="subtitle2" component="h4">
                  Attribution of the top features
                </Typography>
                {v.features.length > 0 ? (
                  <AttributionBars features={v.features} />
                ) : (
                  <EmptyNote>No attributions in the newest window.</EmptyNote>
                )}
              </Grid>
            </Grid>
            {v.features.length > 0 && (
              <Box mt={2}>
                <AttributionTable features={v.features} />
              </Box>
            )}
          </>
        )}
      </CardStates>
    </InfoCard>
  );
}
