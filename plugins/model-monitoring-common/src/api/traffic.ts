/* REST API types: endpoint traffic and latency. See ./index.ts for the conventions every route shares. */
import type { TimeRange, TimePoint, SourceError } from './vocabulary';

/**
 * GET /entities/:namespace/:kind/:name/traffic?from=&to=&period=
 * `period` in seconds (60..86400, default chosen so a series has at most 500 points).
 * SageMaker: CloudWatch AWS/SageMaker; built-in: counted from the captured records.
 */
export interface TrafficResponse {
  entityRef: string;
  range: TimeRange;
  periodSeconds: number;
  invocations: TimePoint[];
  /** 4XX + 5XX + model errors, per period. */
  errors4xx: TimePoint[];
  errors5xx: TimePoint[];
  /** ModelLatency in milliseconds (CloudWatch reports microseconds; converted). */
  latencyAvgMs: TimePoint[];
  /** Median ModelLatency in milliseconds, when the source has percentiles. */
  latencyP50Ms?: TimePoint[];
  latencyP99Ms?: TimePoint[];
  /** Per-part problems, e.g. CloudWatch throttled. */
  sourceErrors?: SourceError[];
}
