import type { DriftResponse, FeatureDriftNow, SourceError } from '@mlmon/plugin-model-monitoring-common';
import type { Constraints, Statistics } from '@mlmon/monitor-engine';
import { epochMs, type ExecutionMetrics, type ExecutionMetricsStore } from '../database/ExecutionMetricsStore';
import type { ExecutionStore } from '../database/ExecutionStore';
import type { BaselineReader } from '../reports/BaselineReader';
import { DRIFT_METRIC_PREFIX } from '../reports/ReportReader';
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
 * plotted features in the range are read, never the metrics JSON of every execution.
 */
export async function buildDrift(
  request: EntityRequest,
  scheduleName: string,
  range: { from: Date; to: Date },
  features: string[] | undefined,
  deps: { executions: ExecutionStore; metrics: ExecutionMetricsStore; baselines: BaselineReader },
): Promise<DriftResponse> {
  const windows = await deps.executions.windows(request.entityRef, scheduleName, range);
  const latest = lastUsable(windows);
  const metricNames = await deps.metrics.names(request.entityRef, scheduleName, range, DRIFT_METRIC_PREFIX);
  const names = new Set(metricNames.map(m => m.slice(DRIFT_METRIC_PREFIX.length)));
  const latestMetrics = latest ? await deps.metrics.at(request.entityRef, scheduleName, new Date(latest.windowEnd)) : {};
  const reports = await readReports(request, scheduleName, latest?.reportUri, deps.baselines);
  const now = [...names].sort().map(feature => driftNow(feature, latestMetrics, reports));
  const chosen = features?.length
    ? features.filter(f => names.has(f))
    : [...now].sort((a, b) => (b.distance ?? -1) - (a.distance ?? -1)).slice(0, DEFAULT_SERIES).map(n => n.feature);
  const values = await deps.metrics.series(
    request.entityRef,
    scheduleName,
    chosen.map(f => `${DRIFT_METRIC_PREFIX}${f}`),
    range,
  );
  const times = windows.map(w => ({ time: w.windowEnd, ms: epochMs(w.windowEnd) }));
  return {
    entityRef: request.entityRef,
    scheduleName,
    range: { from: range.from.toISOString(), to: range.to.toISOString() },
    latestWindowEnd: latest?.windowEnd,
    now,
    series: chosen.map(feature => {
      const byTime = values.get(`${DRIFT_METRIC_PREFIX}${feature}`);
      return { feature, points: times.map(t => ({ time: t.time, value: byTime?.get(t.ms) ?? null })) };
    }),
    ...(reports.errors.length ? { errors: reports.errors } : {}),
  };
}
