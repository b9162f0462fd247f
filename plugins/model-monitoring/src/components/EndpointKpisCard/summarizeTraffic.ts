import type {
  TimePoint,
  TrafficResponse,
} from '@mlmon/plugin-model-monitoring-common';

/** One day's traffic in the few numbers people look at. */
export interface TrafficKpis {
  invocations: number;
  errors: number;
  /** errors / invocations, undefined without traffic. */
  errorRate?: number;
  /** Median of the periods' median latency (or of their averages without percentiles). */
  latencyP50Ms?: number;
  /** The worst period's p99 latency. */
  latencyP99Ms?: number;
  /** Whether p50 came from true percentiles or from averages. */
  p50FromAverages: boolean;
}

const values = (points?: TimePoint[]) =>
  (points ?? []).map(p => p.value).filter((v): v is number => v !== null);

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

function median(xs: number[]): number | undefined {
  if (xs.length === 0) return undefined;
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function summarizeTraffic(traffic: TrafficResponse): TrafficKpis {
  const invocations = sum(values(traffic.invocations));
  const errors =
    sum(values(traffic.errors4xx)) + sum(values(traffic.errors5xx));
  const p50 = values(traffic.latencyP50Ms);
  const p99 = values(traffic.latencyP99Ms);
  return {
    invocations,
    errors,
    errorRate: invocations > 0 ? errors / invocations : undefined,
    latencyP50Ms: median(p50.length ? p50 : values(traffic.latencyAvgMs)),
    latencyP99Ms: p99.length ? Math.max(...p99) : undefined,
    p50FromAverages: p50.length === 0,
  };
}
