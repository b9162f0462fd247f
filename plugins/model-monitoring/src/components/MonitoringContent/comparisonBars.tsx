import type { ReactElement } from 'react';
import { Bar, Legend, Tooltip } from 'recharts';
import type { ChartTheme } from '../shared';

/**
 * The tooltip, legend and paired bars of a baseline-against-now bar chart, as children of a
 * recharts BarChart (recharts reads its children's types, so this returns them, not a
 * component that renders them).
 */
export function comparisonBars(
  chart: ChartTheme,
  options: {
    format: (value: number) => string;
    /** Data key and legend name of the bar compared with the baseline. */
    currentKey: string;
    currentName: string;
  },
): ReactElement[] {
  return [
    <Tooltip
      key="tooltip"
      formatter={(v: number) => options.format(v)}
      contentStyle={chart.tooltip}
      cursor={{ fill: chart.grid }}
    />,
    <Legend key="legend" wrapperStyle={{ color: chart.text }} />,
    <Bar
      key="baseline"
      dataKey="baseline"
      name="Baseline"
      fill={chart.baseline}
      isAnimationActive={false}
    />,
    <Bar
      key="current"
      dataKey={options.currentKey}
      name={options.currentName}
      fill={chart.window}
      isAnimationActive={false}
    />,
  ];
}
