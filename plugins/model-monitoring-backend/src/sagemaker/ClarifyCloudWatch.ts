import { ListMetricsCommand, type Dimension, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { CLOUDWATCH_INFINITY } from '@mlmon/monitor-engine';
import { biasMetricKey, shapKey } from '../reports/clarifyMetrics';
import type { AwsClients, AwsTarget } from './AwsClients';
import type { CloudWatchMetrics } from './CloudWatchMetrics';

export const BIAS_NAMESPACE = 'aws/sagemaker/Endpoints/bias-metrics';
export const EXPLAINABILITY_NAMESPACE = 'aws/sagemaker/Endpoints/explainability-metrics';
const HOUR_MS = 3_600_000;

/** One Clarify metric in CloudWatch under its execution_metrics key (reports/clarifyMetrics.ts). */
export interface ClarifyMetric {
  key: string;
  namespace: string;
  metricName: string;
  dimensions: Dimension[];
  /** Explainability metrics: the label and feature, for NDCG. */
  label?: string;
  feature?: string;
}

const dimension = (dims: Dimension[] | undefined, name: string) => dims?.find(d => d.Name === name)?.Value;

/**
 * The CloudWatch metrics Clarify monitors publish (one datum per execution, at its scheduled
 * time): bias_metric_{NAME} per facet and label, feature_{name} global SHAP values per label.
 * Listing tells which facets and features exist; GetMetricData reads them over the range.
 */
export class ClarifyCloudWatch {
  constructor(
    private readonly clients: AwsClients,
    private readonly cloudWatch: CloudWatchMetrics,
  ) {}

  private async list(target: AwsTarget, namespace: string, endpointName: string, scheduleName: string) {
    const client = await this.clients.cloudWatch(target);
    const metrics: Array<{ name: string; dims: Dimension[] }> = [];
    let NextToken: string | undefined;
    do {
      const page = await client.send(
        new ListMetricsCommand({
          Namespace: namespace,
          Dimensions: [
            { Name: 'Endpoint', Value: endpointName },
            { Name: 'MonitoringSchedule', Value: scheduleName },
          ],
          NextToken,
        }),
        { abortSignal: this.clients.callSignal() },
      );
      for (const m of page.Metrics ?? []) if (m.MetricName) metrics.push({ name: m.MetricName, dims: m.Dimensions ?? [] });
      NextToken = page.NextToken;
    } while (NextToken);
    return metrics;
  }

  /** Post-training bias metrics of a schedule (monitors evaluate only those). */
  async biasMetrics(target: AwsTarget, endpointName: string, scheduleName: string): Promise<ClarifyMetric[]> {
    const found: ClarifyMetric[] = [];
    for (const { name, dims } of await this.list(target, BIAS_NAMESPACE, endpointName, scheduleName)) {
      const facet = dimension(dims, 'Facet');
      const value = dimension(dims, 'FacetValue');
      if (!name.startsWith('bias_metric_') || facet === undefined || value === undefined) continue;
      if (/^pre/i.test(dimension(dims, 'BiasStage') ?? '')) continue;
      found.push({ key: biasMetricKey(name.slice('bias_metric_'.length), facet, value), namespace: BIAS_NAMESPACE, metricName: name, dimensions: dims });
    }
    return found;
  }

  /** Global SHAP values per label and feature of a schedule (not the expected value). */
  async shapMetrics(target: AwsTarget, endpointName: string, scheduleName: string): Promise<ClarifyMetric[]> {
    const found: ClarifyMetric[] = [];
    for (const { name, dims } of await this.list(target, EXPLAINABILITY_NAMESPACE, endpointName, scheduleName)) {
      const label = dimension(dims, 'Label');
      const valueType = dimension(dims, 'ValueType');
      if (!name.startsWith('feature_') || label === undefined || (valueType !== undefined && valueType !== 'GlobalShapValues')) continue;
      const feature = name.slice('feature_'.length);
      found.push({ key: shapKey(label, feature), namespace: EXPLAINABILITY_NAMESPACE, metricName: name, dimensions: dims, label, feature });
    }
    return found;
  }

  /**
   * Hourly averages of the metrics over the range: key → hour (epoch ms) → value. Executions are
   * scheduled on the hour, so an hour holds one execution's datum. Infinite values, which
   * CloudWatch receives as ±2.348543e108, are left out as the built-in engine leaves them out.
   */
  async values(target: AwsTarget, metrics: ClarifyMetric[], range: { from: Date; to: Date }): Promise<Map<string, Map<number, number>>> {
    const result = new Map(metrics.map(m => [m.key, new Map<number, number>()]));
    if (!metrics.length) return result;
    const queries: MetricDataQuery[] = metrics.map((m, i) => ({
      Id: `c${i}`,
      ReturnData: true,
      MetricStat: { Metric: { Namespace: m.namespace, MetricName: m.metricName, Dimensions: m.dimensions }, Period: 3600, Stat: 'Average' },
    }));
    // Hour-aligned, and one hour past `to`: the window ending at `to` is in the range.
    const from = new Date(Math.floor(range.from.getTime() / HOUR_MS) * HOUR_MS);
    const to = new Date(Math.floor(range.to.getTime() / HOUR_MS) * HOUR_MS + HOUR_MS);
    const data = await this.cloudWatch.metricData(target, queries, { from, to });
    metrics.forEach((m, i) => {
      const r = data.get(`c${i}`);
      const into = result.get(m.key)!;
      (r?.Timestamps ?? []).forEach((t, j) => {
        const value = (r!.Values ?? [])[j];
        if (value === undefined || !Number.isFinite(value) || Math.abs(value) >= CLOUDWATCH_INFINITY * 0.999) return;
        into.set(new Date(t).getTime(), value);
      });
    });
    return result;
  }
}
