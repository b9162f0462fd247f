import { Table, TableColumn } from '@backstage/core-components';
import { makeStyles } from '@material-ui/core/styles';
import type { FeatureAttribution } from '@mlmon/plugin-model-monitoring-common';
import { BarChart, CartesianGrid, XAxis, YAxis } from 'recharts';
import { ChartFrame, formatMetric, useChartTheme } from '../shared';
import { rankMove } from './clarifyWords';
import { comparisonBars } from './comparisonBars';

/** Bars for more features than this get unreadable; the table below lists them all. */
const MAX_BARS = 10;

const useStyles = makeStyles(theme => ({
  up: { color: theme.palette.success.main, fontWeight: 600 },
  down: { color: theme.palette.error.main, fontWeight: 600 },
  other: { color: theme.palette.text.secondary },
  // Read by screen readers, not shown: the arrow alone would be read as "black up-pointing triangle".
  srOnly: {
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
}));

function RankMoveCell({ feature }: { feature: FeatureAttribution }) {
  const classes = useStyles();
  const move = rankMove(feature);
  let className = classes.other;
  if (move.direction === 'up') className = classes.up;
  if (move.direction === 'down') className = classes.down;
  return (
    <span title={move.words}>
      <span aria-hidden="true" className={className}>
        {move.symbol}
      </span>
      <span className={classes.srOnly}>{move.words}</span>
    </span>
  );
}

/** Baseline and current attribution of the top features as paired horizontal bars. */
export function AttributionBars({
  features,
}: {
  features: FeatureAttribution[];
}) {
  const chart = useChartTheme();
  const shown = features.slice(0, MAX_BARS);
  const data = shown.map(f => ({
    feature: f.feature,
    baseline: f.baseline,
    current: f.current,
  }));
  return (
    <ChartFrame
      height={Math.max(160, 36 * shown.length + 60)}
      label={`Feature attribution, baseline versus now, of the top ${
        shown.length
      } features: ${shown
        .map(
          f =>
            `${f.feature} ${formatMetric(f.baseline)} then ${formatMetric(
              f.current,
            )}`,
        )
        .join('; ')}`}
    >
      <BarChart
        data={data}
        layout="vertical"
        margin={{ top: 8, right: 24, bottom: 8, left: 8 }}
      >
        <CartesianGrid stroke={chart.grid} horizontal={false} />
        <XAxis
          type="number"
          tickFormatter={v => formatMetric(Number(v))}
          tick={{ fill: chart.text, fontSize: chart.fontSize }}
        />
        <YAxis
          type="category"
          dataKey="feature"
          width={140}
          tick={{ fill: chart.text, fontSize: chart.fontSize }}
        />
        {comparisonBars(chart, {
          format: formatMetric,
          currentKey: 'current',
          currentName: 'Now',
        })}
      </BarChart>
    </ChartFrame>
  );
}

/** Every feature's attribution and rank, baseline vs now, with how far it moved. */
export function AttributionTable({
  features,
}: {
  features: FeatureAttribution[];
}) {
  const columns: TableColumn<FeatureAttribution>[] = [
    {
      title: 'Rank now',
      field: 'currentRank',
      type: 'numeric',
      defaultSort: 'asc',
      render: f => f.currentRank ?? '—',
      // Features missing now sort last, not first.
      customSort: (a, b) =>
        (a.currentRank ?? Infinity) - (b.currentRank ?? Infinity),
    },
    { title: 'Feature', field: 'feature', highlight: true },
    {
      title: 'Attribution now',
      field: 'current',
      type: 'numeric',
      render: f => formatMetric(f.current),
    },
    {
      title: 'Baseline attribution',
      field: 'baseline',
      type: 'numeric',
      render: f => formatMetric(f.baseline),
    },
    {
      title: 'Baseline rank',
      field: 'baselineRank',
      type: 'numeric',
      render: f => f.baselineRank ?? '—',
      customSort: (a, b) =>
        (a.baselineRank ?? Infinity) - (b.baselineRank ?? Infinity),
    },
    {
      title: 'Rank change',
      sorting: false,
      render: f => <RankMoveCell feature={f} />,
    },
  ];
  return (
    <Table<FeatureAttribution>
      title="Feature ranking, baseline vs now"
      options={{
        paging: features.length > 20,
        pageSize: 20,
        padding: 'dense',
      }}
      data={features.map(f => ({ ...f }))}
      columns={columns}
    />
  );
}
