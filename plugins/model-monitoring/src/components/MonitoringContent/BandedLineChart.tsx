import type { TimePoint } from '@mlmon/plugin-model-monitoring-common';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceArea,
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

/** A dashed horizontal line with a label, e.g. the baseline value, the ideal or a threshold. */
export interface ChartMarker {
  value: number;
  label: string;
  kind: 'baseline' | 'ideal' | 'threshold';
}

/**
 * One series over time with the band of values that pass shaded behind it and dashed markers
 * (baseline, ideal, threshold). The band shows at a glance whether the newest point left it.
 * The axis spans the points and the markers; the band is clipped to it, since a band far wider
 * than the data would squeeze the line flat (its edges are the markers anyway).
 */
export function BandedLineChart(props: {
  label: string;
  name: string;
  points: TimePoint[];
  band?: { lower: number; upper: number } | null;
  /** Words on the band; only where the band lies inside the axis (clipped labels vanish). */
  bandLabel?: string;
  markers?: ChartMarker[];
  /** Colours the line as a problem (a violated metric). */
  alert?: boolean;
  spanMs: number;
  height?: number;
  domain?: [number | 'auto', number | 'auto'];
  formatValue: (value: number) => string;
}) {
  const chart = useChartTheme();
  const data = props.points.map(p => ({ time: p.time, value: p.value }));
  return (
    <ChartFrame height={props.height ?? 180} label={props.label}>
      <LineChart data={data} margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
        <CartesianGrid stroke={chart.grid} vertical={false} />
        <XAxis
          dataKey="time"
          tickFormatter={t => formatTick(String(t), props.spanMs)}
          tick={{ fill: chart.text, fontSize: chart.fontSize }}
          minTickGap={24}
        />
        <YAxis
          domain={props.domain ?? ['auto', 'auto']}
          tickFormatter={v => props.formatValue(Number(v))}
          tick={{ fill: chart.text, fontSize: chart.fontSize }}
          width={56}
        />
        <Tooltip
          labelFormatter={t => formatDateTime(String(t))}
          formatter={(v: number) => props.formatValue(v)}
          contentStyle={chart.tooltip}
        />
        {props.band && (
          <ReferenceArea
            y1={props.band.lower}
            y2={props.band.upper}
            fill={chart.ok}
            fillOpacity={0.12}
            stroke="none"
            ifOverflow="hidden"
            label={
              props.bandLabel
                ? {
                    value: props.bandLabel,
                    fill: chart.text,
                    fontSize: chart.fontSize,
                    position: 'insideBottomLeft',
                  }
                : undefined
            }
          />
        )}
        {(props.markers ?? []).map(m => (
          <ReferenceLine
            key={`${m.kind}-${m.value}`}
            y={m.value}
            stroke={m.kind === 'threshold' ? chart.threshold : chart.baseline}
            strokeDasharray={m.kind === 'ideal' ? '2 4' : '6 4'}
            ifOverflow="extendDomain"
            label={{
              value: m.label,
              fill: m.kind === 'threshold' ? chart.threshold : chart.text,
              fontSize: chart.fontSize,
              position:
                m.kind === 'ideal' ? 'insideBottomRight' : 'insideTopRight',
            }}
          />
        ))}
        <Line
          type="monotone"
          dataKey="value"
          name={props.name}
          stroke={props.alert ? chart.threshold : chart.series[0]}
          strokeWidth={2}
          dot={data.length < 60}
          connectNulls={false}
          isAnimationActive={false}
        />
      </LineChart>
    </ChartFrame>
  );
}
