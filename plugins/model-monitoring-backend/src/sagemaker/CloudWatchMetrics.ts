import {
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  ListMetricsCommand,
  type MetricDataQuery,
  type MetricDataResult,
} from '@aws-sdk/client-cloudwatch';
import { DATA_METRICS_NAMESPACE } from '@mlmon/monitor-engine';
import type { CloudWatchAlarmState, TimePoint } from '@mlmon/plugin-model-monitoring-common';
import type { AwsClients, AwsTarget } from './AwsClients';

const DRIFT_PREFIX = 'feature_baseline_drift_';
/** GetMetricData takes at most 500 queries per call. */
const MAX_QUERIES = 500;

/** Endpoint invocation metrics of one period each, converted to the REST units. */
export interface TrafficSeries {
  invocations: TimePoint[];
  errors4xx: TimePoint[];
  errors5xx: TimePoint[];
  latencyAvgMs: TimePoint[];
  latencyP50Ms: TimePoint[];
  latencyP99Ms: TimePoint[];
}

/** Aligns one metric result to the period grid: missing periods are null, not zero. */
function toPoints(result: MetricDataResult | undefined, grid: Date[], scale = 1): TimePoint[] {
  const byTime = new Map<number, number>();
  (result?.Timestamps ?? []).forEach((t, i) => byTime.set(new Date(t).getTime(), (result!.Values ?? [])[i]));
  return grid.map(t => {
    const v = byTime.get(t.getTime());
    return { time: t.toISOString(), value: v === undefined ? null : v * scale };
  });
}

function periodGrid(from: Date, to: Date, periodSeconds: number): Date[] {
  const step = periodSeconds * 1000;
  const start = Math.floor(from.getTime() / step) * step;
  const grid: Date[] = [];
  for (let t = start; t < to.getTime(); t += step) grid.push(new Date(t));
  return grid;
}

/** CloudWatch reads of the SageMaker source: drift distances, endpoint traffic, alarm states. */
export class CloudWatchMetrics {
  constructor(private readonly clients: AwsClients) {}

  /** Runs GetMetricData over every page (NextToken) and returns the results by query id. */
  async metricData(
    target: AwsTarget,
    queries: MetricDataQuery[],
    range: { from: Date; to: Date },
  ): Promise<Map<string, MetricDataResult>> {
    const client = await this.clients.cloudWatch(target);
    const results = new Map<string, MetricDataResult>();
    for (let i = 0; i < queries.length; i += MAX_QUERIES) {
      let NextToken: string | undefined;
      do {
        const page = await client.send(
          new GetMetricDataCommand({
            MetricDataQueries: queries.slice(i, i + MAX_QUERIES),
            StartTime: range.from,
            EndTime: range.to,
            ScanBy: 'TimestampAscending',
            NextToken,
          }),
          { abortSignal: this.clients.callSignal() },
        );
        for (const r of page.MetricDataResults ?? []) {
          const seen = results.get(r.Id!);
          if (seen) {
            seen.Timestamps = [...(seen.Timestamps ?? []), ...(r.Timestamps ?? [])];
            seen.Values = [...(seen.Values ?? []), ...(r.Values ?? [])];
          } else results.set(r.Id!, { ...r });
        }
        NextToken = page.NextToken;
      } while (NextToken);
    }
    return results;
  }

  /** Features that have a drift metric for the schedule (ListMetrics, every page). */
  async driftFeatures(target: AwsTarget, endpointName: string, scheduleName: string): Promise<string[]> {
    const client = await this.clients.cloudWatch(target);
    const features = new Set<string>();
    let NextToken: string | undefined;
    do {
      const page = await client.send(
        new ListMetricsCommand({
          Namespace: DATA_METRICS_NAMESPACE,
          Dimensions: [
            { Name: 'Endpoint', Value: endpointName },
            { Name: 'MonitoringSchedule', Value: scheduleName },
          ],
          NextToken,
        }),
        { abortSignal: this.clients.callSignal() },
      );
      for (const m of page.Metrics ?? []) {
        if (m.MetricName?.startsWith(DRIFT_PREFIX)) features.add(m.MetricName.slice(DRIFT_PREFIX.length));
      }
      NextToken = page.NextToken;
    } while (NextToken);
    return [...features].sort();
  }

  /** feature_baseline_drift_* per feature (Stat Sum, as SageMaker publishes one datum per execution). */
  async driftSeries(
    target: AwsTarget,
    endpointName: string,
    scheduleName: string,
    features: string[],
    range: { from: Date; to: Date },
    periodSeconds = 3600,
  ): Promise<Array<{ feature: string; points: TimePoint[] }>> {
    const queries: MetricDataQuery[] = features.map((feature, i) => ({
      Id: `d${i}`,
      ReturnData: true,
      MetricStat: {
        Metric: {
          Namespace: DATA_METRICS_NAMESPACE,
          MetricName: `${DRIFT_PREFIX}${feature}`,
          Dimensions: [
            { Name: 'Endpoint', Value: endpointName },
            { Name: 'MonitoringSchedule', Value: scheduleName },
          ],
        },
        Period: periodSeconds,
        Stat: 'Sum',
      },
    }));
    const results = await this.metricData(target, queries, range);
    return features.map((feature, i) => {
      const r = results.get(`d${i}`);
      // Only the periods with an execution: drift exists per execution, not per hour of the range.
      const points = (r?.Timestamps ?? [])
        .map((t, j) => ({ time: new Date(t).toISOString(), value: (r!.Values ?? [])[j] ?? null }))
        .sort((a, b) => a.time.localeCompare(b.time));
      return { feature, points };
    });
  }

  /** ModelLatency (µs → ms), Invocations and 4XX/5XX errors of an endpoint variant. */
  async traffic(
    target: AwsTarget,
    endpointName: string,
    variantName: string,
    range: { from: Date; to: Date },
    periodSeconds: number,
  ): Promise<TrafficSeries> {
    const dims = [
      { Name: 'EndpointName', Value: endpointName },
      { Name: 'VariantName', Value: variantName },
    ];
    const q = (Id: string, MetricName: string, Stat: string): MetricDataQuery => ({
      Id,
      ReturnData: true,
      MetricStat: { Metric: { Namespace: 'AWS/SageMaker', MetricName, Dimensions: dims }, Period: periodSeconds, Stat },
    });
    const results = await this.metricData(
      target,
      [
        q('inv', 'Invocations', 'Sum'),
        q('e4', 'Invocation4XXErrors', 'Sum'),
        q('e5', 'Invocation5XXErrors', 'Sum'),
        q('lat', 'ModelLatency', 'Average'),
        q('p50', 'ModelLatency', 'p50'),
        q('p99', 'ModelLatency', 'p99'),
      ],
      range,
    );
    const grid = periodGrid(range.from, range.to, periodSeconds);
    return {
      invocations: toPoints(results.get('inv'), grid),
      errors4xx: toPoints(results.get('e4'), grid),
      errors5xx: toPoints(results.get('e5'), grid),
      latencyAvgMs: toPoints(results.get('lat'), grid, 1 / 1000),
      latencyP50Ms: toPoints(results.get('p50'), grid, 1 / 1000),
      latencyP99Ms: toPoints(results.get('p99'), grid, 1 / 1000),
    };
  }

  /**
   * Alarms of a model: those whose names start with `{alarmNamePrefix}{endpoint}` (every page).
   * A name prefix keeps the call bounded: listing every alarm of the account to match dimensions
   * would cost pages per model in an account with thousands of alarms.
   */
  async alarms(target: AwsTarget, endpointName: string, alarmNamePrefix = ''): Promise<CloudWatchAlarmState[]> {
    const client = await this.clients.cloudWatch(target);
    const found = new Map<string, CloudWatchAlarmState>();
    let NextToken: string | undefined;
    do {
      const page = await client.send(
        new DescribeAlarmsCommand({
          AlarmNamePrefix: `${alarmNamePrefix}${endpointName}`,
          AlarmTypes: ['MetricAlarm'],
          MaxRecords: 100,
          NextToken,
        }),
        { abortSignal: this.clients.callSignal() },
      );
      for (const a of page.MetricAlarms ?? []) {
        if (!a.AlarmName) continue;
        found.set(a.AlarmName, {
          alarmName: a.AlarmName,
          state: (a.StateValue ?? 'INSUFFICIENT_DATA') as CloudWatchAlarmState['state'],
          reason: a.StateReason,
          updatedAt: a.StateUpdatedTimestamp?.toISOString(),
          metricName: a.MetricName,
          consoleUrl: `https://${target.region}.console.aws.amazon.com/cloudwatch/home?region=${target.region}#alarmsV2:alarm/${encodeURIComponent(a.AlarmName)}`,
        });
      }
      NextToken = page.NextToken;
    } while (NextToken);
    return [...found.values()].sort((a, b) => a.alarmName.localeCompare(b.alarmName));
  }
}
