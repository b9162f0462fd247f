import {
  METRICS_FILE_NAME,
  ObjectNotFoundError,
  readStatistics,
  readViolations,
  type ConstraintViolations,
  type ObjectStore,
  type Statistics,
} from '@mlmon/monitor-engine';
import type { ExecutionMetrics } from '../database/ExecutionStore';

/** Opens the store of a location (file:// or s3:// URL); injected so S3 clients come from config. */
export type OpenStore = (location: string) => ObjectStore;

/** One line of cloudwatch_metrics.jsonl that the reader needs. */
interface MetricLine {
  MetricName?: unknown;
  Value?: unknown;
  StatisticValues?: { Sum?: unknown; SampleCount?: unknown };
}

/** What a metrics file held, and what it had to leave out (counted, never silently dropped). */
export interface MetricsRead {
  metrics: ExecutionMetrics;
  skippedLines: Array<{ line: number; reason: string }>;
}

/**
 * Reads an execution's report files back from storage, in SageMaker's layout: the same reader
 * serves reports written by the built-in engine and by SageMaker Model Monitor.
 */
export class ReportReader {
  constructor(private readonly openStore: OpenStore) {}

  private async text(reportUri: string, file: string): Promise<string | undefined> {
    const store = this.openStore(reportUri);
    try {
      return (await store.get(file)).toString('utf8');
    } catch (error) {
      if (error instanceof ObjectNotFoundError) return undefined;
      throw error;
    }
  }

  async statistics(reportUri: string): Promise<Statistics | undefined> {
    const text = await this.text(reportUri, 'statistics.json');
    return text === undefined ? undefined : readStatistics(text, `${reportUri}/statistics.json`);
  }

  async violations(reportUri: string): Promise<ConstraintViolations | undefined> {
    const text = await this.text(reportUri, 'constraint_violations.json');
    return text === undefined
      ? undefined
      : readViolations(text, `${reportUri}/constraint_violations.json`);
  }

  /** The raw bytes of one report file, for download; undefined when it does not exist. */
  async file(reportUri: string, name: string): Promise<Buffer | undefined> {
    const store = this.openStore(reportUri);
    try {
      return await store.get(name);
    } catch (error) {
      if (error instanceof ObjectNotFoundError) return undefined;
      throw error;
    }
  }

  /**
   * The numbers of cloudwatch_metrics.jsonl: one value per metric name (Value, or the Sum of
   * StatisticValues for feature_baseline_drift_*, which SageMaker publishes with Stat Sum).
   */
  async metrics(reportUri: string): Promise<MetricsRead> {
    const text = await this.text(reportUri, METRICS_FILE_NAME);
    const result: MetricsRead = { metrics: {}, skippedLines: [] };
    if (text === undefined) return result;
    text.split('\n').forEach((raw, index) => {
      const line = raw.trim();
      if (!line) return;
      let parsed: MetricLine;
      try {
        parsed = JSON.parse(line) as MetricLine;
      } catch (error) {
        result.skippedLines.push({ line: index + 1, reason: `not JSON: ${(error as Error).message}` });
        return;
      }
      if (typeof parsed.MetricName !== 'string') {
        result.skippedLines.push({ line: index + 1, reason: 'field MetricName is missing' });
        return;
      }
      const value = metricValue(parsed.MetricName, parsed);
      if (value === undefined || !Number.isFinite(value)) {
        result.skippedLines.push({ line: index + 1, reason: 'field Value is not a finite number' });
        return;
      }
      result.metrics[parsed.MetricName] = value;
    });
    return result;
  }
}

/** Prefix of drift distances in the metrics. */
export const DRIFT_METRIC_PREFIX = 'feature_baseline_drift_';

/**
 * The number of one cloudwatch_metrics.jsonl line: `Value`, else from `StatisticValues` —
 * drift distances and non-null counts as their Sum, every other metric as Sum / SampleCount.
 */
function metricValue(name: string, line: MetricLine): number | undefined {
  if (typeof line.Value === 'number') return line.Value;
  const stats = line.StatisticValues;
  if (typeof stats?.Sum !== 'number' || typeof stats?.SampleCount !== 'number' || stats.SampleCount <= 0) {
    return undefined;
  }
  const summed = name.startsWith('feature_baseline_drift_') || name.startsWith('feature_non_null_');
  return summed ? stats.Sum : stats.Sum / stats.SampleCount;
}
