import { InfoCard } from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import type {
  FeatureDistribution,
  FeatureStatisticsResponse,
} from '@mlmon/plugin-model-monitoring-common';
import {
  CardStates,
  EmptyNote,
  formatDateTime,
  formatMetric,
  formatNumber,
  SourceErrors,
  useMonitoringData,
} from '../shared';
import { DistributionOverlay } from './DistributionOverlay';

const STATS: Array<[string, (d: FeatureDistribution) => number | undefined]> = [
  ['Values', d => d.itemCount],
  ['Missing', d => d.missing],
  ['Mean', d => d.numeric?.mean],
  ['Std dev', d => d.numeric?.stdDev],
  ['Min', d => d.numeric?.min],
  ['Median', d => d.numeric?.quantiles?.p50],
  ['Max', d => d.numeric?.max],
];

function StatisticsTable({ value }: { value: FeatureStatisticsResponse }) {
  const rows = STATS.filter(([, get]) => get(value.baseline) !== undefined);
  return (
    <Table
      size="small"
      aria-label={`Statistics of ${value.feature}: baseline and window`}
    >
      <TableHead>
        <TableRow>
          <TableCell>Statistic</TableCell>
          <TableCell align="right">Baseline</TableCell>
          <TableCell align="right">Window</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(([name, get]) => {
          const b = get(value.baseline);
          const w = value.window ? get(value.window) : undefined;
          const counts = name === 'Values' || name === 'Missing';
          const show = (x?: number) => {
            if (x === undefined) return '—';
            return counts ? formatNumber(x, 0) : formatMetric(x);
          };
          return (
            <TableRow key={name}>
              <TableCell component="th" scope="row">
                {name}
              </TableCell>
              <TableCell align="right">{show(b)}</TableCell>
              <TableCell align="right">{show(w)}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

/** Baseline vs newest window of the selected feature: overlay and statistics. */
export function FeatureDistributionSection({ feature }: { feature?: string }) {
  const state = useMonitoringData(
    async (api, ref) =>
      feature ? api.getFeatureStatistics(ref, feature) : undefined,
    [feature],
  );
  if (!feature) {
    return (
      <InfoCard title="Feature distribution">
        <EmptyNote>
          Pick a feature in the table to compare its baseline and window.
        </EmptyNote>
      </InfoCard>
    );
  }
  const v = state.value;
  return (
    <InfoCard
      title={`Distribution of ${feature}`}
      subheader={
        v
          ? `Baseline vs window ending ${
              v.windowEnd ? formatDateTime(v.windowEnd) : '—'
            } · distance ${formatMetric(v.distance)} (threshold ${formatMetric(
              v.threshold,
            )})`
          : undefined
      }
    >
      <CardStates state={state}>
        {value => (
          <>
            <SourceErrors errors={value.errors} />
            <DistributionOverlay
              label={`Distribution of ${feature}: baseline versus window`}
              baseline={value.baseline}
              window={value.window}
            />
            <StatisticsTable value={value} />
          </>
        )}
      </CardStates>
    </InfoCard>
  );
}
