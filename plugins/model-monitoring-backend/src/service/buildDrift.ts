import type { DriftResponse, FeatureDriftNow, FeatureDriftSeries, SourceError } from '@mlmon/plugin-model-monitoring-common';
import type { Constraints, Statistics } from '@mlmon/monitor-engine';
import { epochMs, type ExecutionMetrics, type ExecutionMetricsStore, type ExecutionWindow } from '../database/ExecutionMetricsStore';
import type { ExecutionStore } from '../database/ExecutionStore';
import type { BaselineReader } from '../reports/BaselineReader';
import { DRIFT_METRIC_PREFIX } from '../reports/ReportReader';
import { driftBucketMs } from './downsampleDrift';
import type { EntityRequest } from './requestContext';
import { lastUsable, readViolations, sourceError, type ReportedViolation } from './seriesHelpers';

const DEFAULT_SERIES = 10;

type FeatureStatistics = Statistics['features'][number];

/** What the reports of the baseline and the newest window say, read best-effort. */
interface ReportContext {
  constraints?: Constraints;
  baselineStats?: Statistics;
  windowStats?: Statistics;
  violations: ReportedViolation[];
  errors: SourceError[];
}

async function readReports(
  request: EntityRequest,
  scheduleName: string,
  latestReportUri: string | undefined,
  baselines: BaselineReader,
): Promise<ReportContext> {
  const context: ReportContext = { violations: [], errors: [] };
  const schedule = request.builtinModel?.schedules.find(s => s.name === scheduleName);
  try {
    if (schedule) {
      context.constraints = await baselines.dataConstraints(schedule.baselineUri);
      context.baselineStats = await baselines.statistics(schedule.baselineUri);
    }
    if (latestReportUri) context.windowStats = await baselines.statistics(latestReportUri);
  } catch (error) {
    context.errors.push(sourceError('reports', error));
  }
  if (latestReportUri) {
    try {
      context.violations = await readViolations(baselines, latestReportUri);
    } catch (error) {
      context.errors.push(sourceError('reports', error));
    }
  }
  return context;
}

function completeness(f: FeatureStatistics | undefined, count: number | undefined): number | null {
  const common = f?.numerical_statistics?.common ?? f?.string_statistics?.common;
  return common && count ? common.num_present / count : null;
}

function driftNow(feature: string, latest: ExecutionMetrics, reports: ReportContext): FeatureDriftNow {
  const base = reports.baselineStats?.features.find(f => f.name === feature);
  const win = reports.windowStats?.features.find(f => f.name === feature);
  const fc = reports.constraints?.features.find(f => f.name === feature);
  const globalThreshold = reports.constraints?.monitoring_config?.distribution_constraints?.comparison_threshold ?? null;
  const inferred = win?.inferred_type ?? base?.inferred_type ?? fc?.inferred_type ?? 'Unknown';
  return {
    feature,
    inferredType: inferred === 'Boolean' ? 'String' : inferred,
    distance: latest[`${DRIFT_METRIC_PREFIX}${feature}`] ?? null,
    threshold: fc?.monitoringConfigOverrides?.distribution_constraints?.comparison_threshold ?? globalThreshold,
    violations: reports.violations.filter(v => v.feature === feature).map(v => v.checkType),
    completeness: completeness(win, reports.windowStats?.dataset.item_count),
    baselineCompleteness: fc?.completeness ?? completeness(base, reports.baselineStats?.dataset.item_count),
  };
}

/**
 * Per-feature drift now and over time. The numbers come from execution_metrics: only the
 * plotted features in the range are read, never the metrics JSON of every execution. More
 * windows than `maxPoints` are downsampled to the peak per bucket (see downsampleMax).
 */
export async function buildDrift(
  request: EntityRequest,
  scheduleName: string,
  range: { from: Date; to: Date },
  options: { features?: string[]; maxPoints: number },
  deps: { executions: ExecutionStore; metrics: ExecutionMetricsStore; baselines: BaselineReader },
): Promise<DriftResponse> {
  const { features, maxPoints } = options;
  const count = await deps.executions.windowCount(request.entityRef, scheduleName, range);
  const bucketMs = driftBucketMs(range, count, maxPoints);
  // A long range reads its windows grouped per bucket, never one row per window.
  const windows = bucketMs === undefined ? await deps.executions.windows(request.entityRef, scheduleName, range) : undefined;
  const latest = windows ? lastUsable(windows) : await deps.executions.latestUsableWindow(request.entityRef, scheduleName, range);
  const metricNames = await deps.metrics.names(request.entityRef, scheduleName, range, DRIFT_METRIC_PREFIX);
  const names = new Set(metricNames.map(m => m.slice(DRIFT_METRIC_PREFIX.length)));
  const latestMetrics = latest ? await deps.metrics.at(request.entityRef, scheduleName, new Date(latest.windowEnd)) : {};
  const reports = await readReports(request, scheduleName, latest?.reportUri, deps.baselines);
  const now = [...names].sort().map(feature => driftNow(feature, latestMetrics, reports));
  const chosen = features?.length
    ? features.filter(f => names.has(f))
    : [...now].sort((a, b) => (b.distance ?? -1) - (a.distance ?? -1)).slice(0, DEFAULT_SERIES).map(n => n.feature);
  const key = { entityRef: request.entityRef, scheduleName, range, features: chosen };
  const series = windows
    ? await seriesPerWindow(key, windows, deps.metrics)
    : await seriesPerBucket(key, bucketMs!, deps);
  return {
    entityRef: request.entityRef,
    scheduleName,
    range: { from: range.from.toISOString(), to: range.to.toISOString() },
    latestWindowEnd: latest?.windowEnd,
    now,
    series,
    ...(bucketMs === undefined ? {} : { bucketSeconds: bucketMs / 1000 }),
    ...(reports.errors.length ? { errors: reports.errors } : {}),
  };
}

interface SeriesKey {
  entityRef: string;
  scheduleName: string;
  range: { from: Date; to: Date };
  features: string[];
}

/** The chosen features over time, one point per window (a window without a value: a gap). */
async function seriesPerWindow(key: SeriesKey, windows: ExecutionWindow[], metrics: ExecutionMetricsStore): Promise<FeatureDriftSeries[]> {
  const names = key.features.map(f => `${DRIFT_METRIC_PREFIX}${f}`);
  const values = await metrics.series(key.entityRef, key.scheduleName, names, key.range);
  const times = windows.map(w => ({ time: w.windowEnd, ms: epochMs(w.windowEnd) }));
  return key.features.map((feature, i) => {
    const byTime = values.get(names[i]);
    return { feature, points: times.map(t => ({ time: t.time, value: byTime?.get(t.ms) ?? null })) };
  });
}

/**
 * The chosen features over time, one point per bucket of `bucketMs` that holds a window: the
 * peak of its windows at the end of its last window, as downsampleMax does, grouped by the
 * database. A bucket whose windows have no value (failed runs) is a gap.
 */
async function seriesPerBucket(
  key: SeriesKey,
  bucketMs: number,
  deps: { executions: ExecutionStore; metrics: ExecutionMetricsStore },
): Promise<FeatureDriftSeries[]> {
  const names = key.features.map(f => `${DRIFT_METRIC_PREFIX}${f}`);
  const buckets = await deps.executions.windowBuckets(key.entityRef, key.scheduleName, key.range, bucketMs);
  const peaks = await deps.metrics.bucketPeaks(key.entityRef, key.scheduleName, names, key.range, bucketMs);
  return key.features.map((feature, i) => {
    const byBucket = peaks.get(names[i]);
    return { feature, points: buckets.map(b => ({ time: b.windowEnd, value: byBucket?.get(b.bucket) ?? null })) };
  });
}
