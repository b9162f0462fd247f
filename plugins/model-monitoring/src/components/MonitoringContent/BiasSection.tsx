import { InfoCard, StatusError, StatusOK } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import type {
  BiasDriftResponse,
  BiasMetricSeries,
} from '@mlmon/plugin-model-monitoring-common';
import {
  CardStates,
  formatDateTime,
  formatMetric,
  SourceErrors,
  useMonitoringData,
} from '../shared';
import { BandedLineChart, ChartMarker } from './BandedLineChart';
import { BiasMetricsTable } from './BiasMetricsTable';
import {
  biasMetricCaption,
  biasMetricsInReadingOrder,
  facetInWords,
} from './clarifyWords';

function BiasVerdict({ value }: { value: BiasDriftResponse }) {
  const violated = value.metrics.filter(m => m.violated);
  const group = value.facet
    ? ` for ${value.facet.column} = ${value.facet.value}`
    : '';
  const when = value.latestWindowEnd
    ? ` (window ending ${formatDateTime(value.latestWindowEnd)})`
    : '';
  if (violated.length === 0) {
    return (
      <StatusOK>
        All {value.metrics.length} bias metrics stay within the baseline's band
        {group}
        {when}
      </StatusOK>
    );
  }
  return (
    <StatusError>
      {violated.length} of {value.metrics.length} bias metrics drifted further
      from the ideal than the baseline{group}:{' '}
      {violated.map(m => m.metric).join(', ')}
      {when}
    </StatusError>
  );
}

function markersOf(m: BiasMetricSeries): ChartMarker[] {
  const ideal: ChartMarker = {
    value: m.ideal,
    label: `ideal ${formatMetric(m.ideal)}`,
    kind: 'ideal',
  };
  if (m.baseline === null) return [ideal];
  return [
    {
      value: m.baseline,
      label: `baseline ${formatMetric(m.baseline)}`,
      kind: 'baseline',
    },
    ideal,
  ];
}

function BiasMetricChart(props: { metric: BiasMetricSeries; spanMs: number }) {
  const m = props.metric;
  const caption = biasMetricCaption(m);
  return (
    <Box component="figure" m={0}>
      <Box display="flex" justifyContent="space-between" alignItems="baseline">
        <Typography variant="subtitle2" component="h4">
          {m.description || m.metric}
        </Typography>
        {m.violated && <StatusError>Violated</StatusError>}
      </Box>
      <BandedLineChart
        label={`${m.description || m.metric} over time. ${caption}`}
        name={m.metric}
        points={m.points}
        band={m.band}
        alert={m.violated}
        markers={markersOf(m)}
        spanMs={props.spanMs}
        height={170}
        formatValue={formatMetric}
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

function LatestViolations({ value }: { value: BiasDriftResponse }) {
  if (value.latestViolations.length === 0) return null;
  return (
    <Box mt={1}>
      <Typography variant="subtitle2" component="h4">
        Violations in the newest execution
      </Typography>
      <List dense aria-label="Bias violations in the newest execution">
        {value.latestViolations.map((v, i) => (
          <ListItem key={`${v.metric}-${v.facet}-${i}`} disableGutters>
            <ListItemText
              primary={`${v.metric} · ${v.facet}`}
              secondary={v.description}
            />
          </ListItem>
        ))}
      </List>
    </Box>
  );
}

/**
 * Post-training bias of the model's facet over time: one small chart per metric with the
 * baseline and the band it allows, violated metrics first, then the newest values in a table.
 */
export function BiasSection({
  range,
}: {
  range: { from: string; to: string; spanMs: number };
}) {
  const state = useMonitoringData(
    (api, ref) => api.getBias(ref, { from: range.from, to: range.to }),
    [range.from, range.to],
  );
  const facet = state.value?.facet;
  return (
    <InfoCard
      title="Bias drift over time"
      subheader={facet ? facetInWords(facet) : state.value?.scheduleName}
    >
      <CardStates
        state={state}
        isEmpty={v => v.metrics.length === 0}
        emptyTitle="No bias results in this range"
        emptyDescription="Bias drift needs ground-truth labels merged with captured predictions; pick a longer time range or wait for the bias schedule to run."
      >
        {v => {
          const metrics = biasMetricsInReadingOrder(v.metrics);
          return (
            <>
              <SourceErrors errors={v.errors} />
              <BiasVerdict value={v} />
              <LatestViolations value={v} />
              <Typography variant="body2" color="textSecondary" paragraph>
                Each chart shades the band the baseline allows: no farther from
                the ideal than the baseline was. Dashed lines mark the baseline
                and the ideal.
              </Typography>
              <Grid container spacing={2}>
                {metrics.map(m => (
                  <Grid item xs={12} md={6} lg={4} key={m.metric}>
                    <BiasMetricChart metric={m} spanMs={range.spanMs} />
                  </Grid>
                ))}
              </Grid>
              <Box mt={2}>
                <BiasMetricsTable metrics={metrics} />
              </Box>
            </>
          );
        }}
      </CardStates>
    </InfoCard>
  );
}
