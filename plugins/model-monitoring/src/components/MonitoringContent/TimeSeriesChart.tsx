import type { TimePoint } from '@mlmon/plugin-model-monitoring-common';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  ChartFrame,
  formatDateTime,
  formatTick,
  useChartTheme,
} from '../shared';
import { mergeSeries } from './chartData';

export interface ChartSeries {
  key: string;
  name: string;
  points: TimePoint[];
}

/** Lines over time with optional dashed thresholds; gaps where a window had no data. */
export function TimeSeriesChart(props: {
  label: string;
  series: ChartSeries[];
  thresholds?: Array<{ value: number; label: string }>;
  spanMs: number;
  height?: number;
  formatValue: (value: number) => string;
}) {
  const chart = useChartTheme();
  const data = mergeSeries(props.series);
  return (
    <ChartFrame height={props.height ?? 260} label={props.label}>
      <LineChart data={data} margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
        <CartesianGrid stroke={chart.grid} vertical={false} />
        <XAxis
          dataKey="time"
          tickFormatter={t => formatTick(String(t), props.spanMs)}
          tick={{ fill: chart.text, fontSize: chart.fontSize }}
          minTickGap={24}
        />
        <YAxis
          tickFormatter={v => props.formatValue(Number(v))}
          tick={{ fill: chart.text, fontSize: chart.fontSize }}
          width={64}
        />
        <Tooltip
          labelFormatter={t => formatDateTime(String(t))}
          formatter={(v: number) => props.formatValue(v)}
          contentStyle={chart.tooltip}
        />
        <Legend wrapperStyle={{ color: chart.text }} />
        {(props.thresholds ?? []).map(t => (
          <ReferenceLine
            key={`${t.label}-${t.value}`}
            y={t.value}
            stroke={chart.threshold}
            strokeDasharray="6 4"
            ifOverflow="extendDomain"
            label={{
              value: t.label,
              fill: chart.threshold,
              fontSize: chart.fontSize,
              position: 'insideTopRight',
            }}
          />
        ))}
        {props.series.map((s, i) => (
          <Line
            key={s.key}
            type="monotone"
            dataKey={s.key}
            name={s.name}
            stroke={chart.series[i % chart.series.length]}
            strokeWidth={2}
            dot={data.length < 60}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ChartFrame>
  );
}
