import { ListMetricsCommand, type MetricDataQuery, type MetricDataResult } from '@aws-sdk/client-cloudwatch';
import { MODEL_QUALITY_METRICS_NAMESPACE } from '@mlmon/monitor-engine';
import type { TimePoint } from '@mlmon/plugin-model-monitoring-common';
import type { AwsClients, AwsTarget } from './AwsClients';
import type { CloudWatchMetrics } from './CloudWatchMetrics';

/** GetMetricData queries of one request at most: a model-quality schedule publishes about 20. */
const MAX_METRICS = 100;

const dimensions = (endpointName: string, scheduleName: string) => [
  { Name: 'Endpoint', Value: endpointName },
  { Name: 'MonitoringSchedule', Value: scheduleName },
];

/**
 * The model-quality metrics SageMaker Model Monitor publishes for one schedule
 * (aws/sagemaker/Endpoints/model-metrics, dimensions Endpoint + MonitoringSchedule, one metric
 * per scalar of statistics.json: accuracy, auc, f1, rmse, r2, ...).
 */
export class ModelQualityCloudWatch {
  constructor(
    private readonly clients: AwsClients,
    private readonly cloudWatch: CloudWatchMetrics,
  ) {}

  /** Metric names of the schedule (ListMetrics, every page; CloudWatch lists the last two weeks). */
  async metricNames(target: AwsTarget, endpointName: string, scheduleName: string): Promise<string[]> {
    const client = await this.clients.cloudWatch(target);
    const names = new Set<string>();
    let NextToken: string | undefined;
    do {
      const page = await client.send(
        new ListMetricsCommand({ Namespace: MODEL_QUALITY_METRICS_NAMESPACE, Dimensions: dimensions(endpointName, scheduleName), NextToken }),
        { abortSignal: this.clients.callSignal() },
      );
      for (const m of page.Metrics ?? []) if (m.MetricName) names.add(m.MetricName);
      NextToken = page.NextToken;
    } while (NextToken);
    return [...names].sort();
  }

  /**
   * One series per metric: the hours with an execution only (one datum each, so the Average is
   * the value the execution published), oldest first.
   */
  async series(
    target: AwsTarget,
    endpointName: string,
    scheduleName: string,
    metrics: string[],
    range: { from: Date; to: Date },
  ): Promise<Array<{ metric: string; points: TimePoint[] }>> {
    const chosen = metrics.slice(0, MAX_METRICS);
    const queries: MetricDataQuery[] = chosen.map((metric, i) => ({
      Id: `q${i}`,
      ReturnData: true,
      MetricStat: {
        Metric: { Namespace: MODEL_QUALITY_METRICS_NAMESPACE, MetricName: metric, Dimensions: dimensions(endpointName, scheduleName) },
        Period: 3600,
        Stat: 'Average',
      },
    }));
    const results = queries.length ? await this.cloudWatch.metricData(target, queries, range) : new Map<string, MetricDataResult>();
    return chosen.map((metric, i) => {
      const r = results.get(`q${i}`);
      const points = (r?.Timestamps ?? [])
        .map((t, j) => ({ time: new Date(t).toISOString(), value: r!.Values?.[j] ?? null }))
        .sort((a, b) => a.time.localeCompare(b.time));
      return { metric, points };
    });
  }
}
