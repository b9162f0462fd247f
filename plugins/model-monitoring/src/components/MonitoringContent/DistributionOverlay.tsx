import type { FeatureDistribution } from '@mlmon/plugin-model-monitoring-common';
import { BarChart, CartesianGrid, XAxis, YAxis } from 'recharts';
import { ChartFrame, formatPercent, useChartTheme } from '../shared';
import { distributionOverlay } from './chartData';
import { comparisonBars } from './comparisonBars';

/** Baseline vs window distribution of one feature (or of the predictions) as shares. */
export function DistributionOverlay(props: {
  label: string;
  baseline?: FeatureDistribution;
  window?: FeatureDistribution;
}) {
  const chart = useChartTheme();
  const data = distributionOverlay(props.baseline, props.window);
  return (
    <ChartFrame height={240} label={props.label}>
      <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid stroke={chart.grid} vertical={false} />
        <XAxis
          dataKey="bucket"
          tick={{ fill: chart.text, fontSize: chart.fontSize }}
        />
        <YAxis
          tickFormatter={v => formatPercent(v)}
          tick={{ fill: chart.text, fontSize: chart.fontSize }}
        />
        {comparisonBars(chart, {
          format: formatPercent,
          currentKey: 'window',
          currentName: 'Window',
        })}
      </BarChart>
    </ChartFrame>
  );
}
