import { InfoCard } from '@backstage/core-components';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import type { ViolationsResponse } from '@mlmon/plugin-model-monitoring-common';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  CardStates,
  ChartFrame,
  formatDateTime,
  formatNumber,
  formatTick,
  SourceErrors,
  useChartTheme,
  useMonitoringData,
} from '../shared';

function ViolationsChart({
  value,
  spanMs,
}: {
  value: ViolationsResponse;
  spanMs: number;
}) {
  const chart = useChartTheme();
  const checkTypes = [
    ...new Set(value.points.flatMap(p => Object.keys(p.byCheckType))),
  ].sort();
  const data = value.points.map(p => ({ time: p.time, ...p.byCheckType }));
  return (
    <ChartFrame
      height={220}
      label={`Violations over time by check type: ${checkTypes.join(', ')}`}
    >
      <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid stroke={chart.grid} vertical={false} />
        <XAxis
          dataKey="time"
          tickFormatter={t => formatTick(String(t), spanMs)}
          tick={{ fill: chart.text, fontSize: chart.fontSize }}
          minTickGap={24}
        />
        <YAxis
          allowDecimals={false}
          tick={{ fill: chart.text, fontSize: chart.fontSize }}
        />
        <Tooltip
          labelFormatter={t => formatDateTime(String(t))}
          formatter={(v: number) => formatNumber(v, 0)}
          contentStyle={chart.tooltip}
          cursor={{ fill: chart.grid }}
        />
        <Legend wrapperStyle={{ color: chart.text }} />
        {checkTypes.map((type, i) => (
          <Bar
            key={type}
            dataKey={type}
            stackId="violations"
            fill={chart.series[(i + 4) % chart.series.length]}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ChartFrame>
  );
}

/** Violations per window by check type, and those of the newest execution in words. */
export function ViolationsSection({
  range,
}: {
  range: { from: string; to: string; spanMs: number };
}) {
  const state = useMonitoringData(
    (api, ref) => api.getViolations(ref, { from: range.from, to: range.to }),
    [range.from, range.to],
  );
  return (
    <InfoCard title="Violations over time">
      <CardStates
        state={state}
        isEmpty={v =>
          v.points.every(p => p.total === 0) && v.latest.length === 0
        }
        emptyTitle="No violations in this range"
        emptyDescription="Every execution in the range passed its constraint checks."
      >
        {v => (
          <>
            <SourceErrors errors={v.errors} />
            <ViolationsChart value={v} spanMs={range.spanMs} />
            <Typography variant="subtitle2">Newest execution</Typography>
            <List dense>
              {v.latest.map((l, i) => (
                <ListItem
                  key={`${l.scheduleName}-${l.feature ?? l.metric}-${i}`}
                  disableGutters
                >
                  <ListItemText
                    primary={`${l.feature ?? l.metric ?? '—'} · ${l.checkType}`}
                    secondary={l.description}
                  />
                </ListItem>
              ))}
            </List>
          </>
        )}
      </CardStates>
    </InfoCard>
  );
}
