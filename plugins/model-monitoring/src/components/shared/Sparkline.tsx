import type { TimePoint } from '@mlmon/plugin-model-monitoring-common';
import { Line, LineChart, ReferenceLine, YAxis } from 'recharts';
import { ChartFrame } from './ChartFrame';
import { useChartTheme } from './chartTheme';

/** A small trend line, optionally with the threshold drawn. */
export function Sparkline(props: {
  points: TimePoint[];
  label: string;
  threshold?: number;
  height?: number;
}) {
  const chart = useChartTheme();
  const data = props.points.map(p => ({ time: p.time, value: p.value }));
  return (
    <ChartFrame height={props.height ?? 48} label={props.label}>
      <LineChart data={data} margin={{ top: 4, right: 4, bottom: 4, left: 4 }}>
        <YAxis hide domain={['auto', 'auto']} />
        {props.threshold !== undefined && (
          <ReferenceLine
            y={props.threshold}
            stroke={chart.threshold}
            strokeDasharray="4 3"
          />
        )}
        <Line
          type="monotone"
          dataKey="value"
          stroke={chart.series[0]}
          strokeWidth={2}
          dot={false}
          connectNulls={false}
          isAnimationActive={false}
        />
      </LineChart>
    </ChartFrame>
  );
}
