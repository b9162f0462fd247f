import type {
  DriftResponse,
  FeatureDriftNow,
  ModelQualityResponse,
  QualityMetricSeries,
  SourceError,
  ViolationsResponse,
} from '@mlmon/plugin-model-monitoring-common';
import type { Constraints, Statistics } from '@mlmon/monitor-engine';
import type { ExecutionStore, ExecutionWithMetrics } from '../database/ExecutionStore';
import type { BaselineReader } from '../reports/BaselineReader';
import { DRIFT_METRIC_PREFIX } from '../reports/ReportReader';
import type { EntityRequest } from './requestContext';

const DEFAULT_SERIES = 10;

function sourceError(source: string, error: unknown): SourceError {
  return { source, code: 502, message: (error as Error).message };
}

function lastUsable(rows: ExecutionWithMetrics[]): ExecutionWithMetrics | undefined {
  return [...rows].reverse().find(r => r.status === 'Completed' || r.status === 'CompletedWithViolations');
}

/** Per-feature drift now and over time, from the metrics read back from each execution's reports. */
export async function buildDrift(
  request: EntityRequest,
  scheduleName: string,
  range: { from: Date; to: Date },
  features: string[] | undefined,
  deps: { executions: ExecutionStore; baselines: BaselineReader },
): Promise<DriftResponse> {
  const rows = await deps.executions.listWithMetrics(request.entityRef, scheduleName, range.from, range.to);
  const latest = lastUsable(rows);
  const errors: SourceError[] = [];
  const names = new Set<string>();
  for (const r of rows) {
    for (const key of Object.keys(r.metrics)) {
      if (key.startsWith(DRIFT_METRIC_PREFIX)) names.add(key.slice(DRIFT_METRIC_PREFIX.length));
    }
  }

  const schedule = request.builtinModel?.schedules.find(s => s.name === scheduleName);
  let constraints: Constraints | undefined;
  let baselineStats: Statistics | undefined;
  let windowStats: Statistics | undefined;
  let violations: Awaited<ReturnType<typeof readViolationsCached>> | undefined;
  try {
    if (schedule) {
      constraints = await deps.baselines.dataConstraints(schedule.baselineUri);
      baselineStats = await deps.baselines.statistics(schedule.baselineUri);
    }
    if (latest?.reportUri) {
      windowStats = await deps.baselines.statistics(latest.reportUri);
    }
  } catch (error) {
    errors.push(sourceError('reports', error));
  }
  if (latest?.reportUri) {
    try {
      violations = await readViolationsCached(deps.baselines, latest.reportUri);
    } catch (error) {
      errors.push(sourceError('reports', error));
    }
  }
  const globalThreshold = constraints?.monitoring_config?.distribution_constraints?.comparison_threshold ?? null;
  const now: FeatureDriftNow[] = [...names].sort().map(feature => {
    const base = baselineStats?.features.find(f => f.name === feature);
    const win = windowStats?.features.find(f => f.name === feature);
    const fc = constraints?.features.find(f => f.name === feature);
    const completeness = (f: Statistics['features'][number] | undefined, count: number | undefined) => {
      const common = f?.numerical_statistics?.common ?? f?.string_statistics?.common;
      return common && count ? common.num_present / count : null;
    };
    const inferred = win?.inferred_type ?? base?.inferred_type ?? fc?.inferred_type ?? 'Unknown';
    return {
      feature,
      inferredType: inferred === 'Boolean' ? 'String' : inferred,
      distance: latest?.metrics[`${DRIFT_METRIC_PREFIX}${feature}`] ?? null,
      threshold:
        fc?.monitoringConfigOverrides?.distribution_constraints?.comparison_threshold ?? globalThreshold,
      violations: (violations ?? []).filter(v => v.feature === feature).map(v => v.checkType),
      completeness: completeness(win, windowStats?.dataset.item_count),
      baselineCompleteness: fc?.completeness ?? completeness(base, baselineStats?.dataset.item_count),
    };
  });
  const chosen = features?.length
    ? features.filter(f => names.has(f))
    : [...now].sort((a, b) => (b.distance ?? -1) - (a.distance ?? -1)).slice(0, DEFAULT_SERIES).map(n => n.feature);
  return {
    entityRef: request.entityRef,
    scheduleName,
    range: { from: range.from.toISOString(), to: range.to.toISOString() },
    latestWindowEnd: latest?.windowEnd,
    now,
    series: chosen.map(feature => ({
      feature,
      points: rows.map(r => ({ time: r.windowEnd, value: r.metrics[`${DRIFT_METRIC_PREFIX}${feature}`] ?? null })),
    })),
    ...(errors.length ? { errors } : {}),
  };
}

async function readViolationsCached(baselines: BaselineReader, reportUri: string) {
  const raw = (await baselines.rawFile(reportUri, 'constraint_violations.json')) as
    | { violations?: Array<{ feature_name?: string; metric_name?: string; constraint_check_type?: string; description?: string }> }
    | undefined;
  return (raw?.violations ?? []).map(v => ({
    feature: v.feature_name,
    metric: v.metric_name,
    checkType: String(v.constraint_check_type ?? 'unknown'),
    description: String(v.description ?? ''),
  }));
}

/** Violations over time (all or one schedule) and those of the newest execution. */
export async function buildViolations(
  request: EntityRequest,
  scheduleNames: string[],
  range: { from: Date; to: Date },
  deps: { executions: ExecutionStore; baselines: BaselineReader },
): Promise<ViolationsResponse> {
  const byTime = new Map<string, { total: number; byCheckType: Record<string, number> }>();
  const latest: ViolationsResponse['latest'] = [];
  const errors: SourceError[] = [];
  for (const scheduleName of scheduleNames) {
    const rows = await deps.executions.listWithMetrics(request.entityRef, scheduleName, range.from, range.to);
    for (const r of rows) {
      const point = byTime.get(r.windowEnd) ?? { total: 0, byCheckType: {} };
      point.total += r.violationCount;
      byTime.set(r.windowEnd, point);
    }
    const newest = lastUsable(rows);
    if (newest?.reportUri && newest.violationCount > 0) {
      try {
        const found = await readViolationsCached(deps.baselines, newest.reportUri);
        const point = byTime.get(newest.windowEnd)!;
        for (const v of found) {
          latest.push({ scheduleName, ...v });
          point.byCheckType[v.checkType] = (point.byCheckType[v.checkType] ?? 0) + 1;
        }
      } catch (error) {
        errors.push(sourceError('reports', error));
      }
    }
  }
  return {
    entityRef: request.entityRef,
    range: { from: range.from.toISOString(), to: range.to.toISOString() },
    points: [...byTime.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([time, p]) => ({ time, ...p })),
    latest,
    ...(errors.length ? { errors } : {}),
  };
}

/** Model-quality metrics over time with their baseline constraints and the newest confusion matrix. */
export async function buildQuality(
  request: EntityRequest,
  scheduleName: string,
  range: { from: Date; to: Date },
  deps: { executions: ExecutionStore; baselines: BaselineReader },
): Promise<ModelQualityResponse> {
  const rows = await deps.executions.listWithMetrics(request.entityRef, scheduleName, range.from, range.to);
  const schedule = request.builtinModel?.schedules.find(s => s.name === scheduleName);
  const errors: SourceError[] = [];
  let constraints: Awaited<ReturnType<BaselineReader['qualityConstraints']>> = {};
  let confusionMatrix: ModelQualityResponse['confusionMatrix'];
  try {
    if (schedule) constraints = await deps.baselines.qualityConstraints(schedule.baselineUri);
    const latest = lastUsable(rows);
    if (latest?.reportUri) {
      const stats = await deps.baselines.rawStatistics(latest.reportUri);
      const group = (stats?.binary_classification_metrics ?? stats?.multiclass_classification_metrics) as
        | { confusion_matrix?: Record<string, Record<string, number>> }
        | undefined;
      confusionMatrix = group?.confusion_matrix;
    }
  } catch (error) {
    errors.push(sourceError('reports', error));
  }
  const names = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r.metrics)) if (!k.startsWith('feature_')) names.add(k);
  const metrics: QualityMetricSeries[] = [...names].sort().map(metric => ({
    metric,
    points: rows.map(r => ({ time: r.windowEnd, value: r.metrics[metric] ?? null })),
    threshold: constraints[metric]?.threshold,
    comparison: constraints[metric]?.comparison,
  }));
  return {
    entityRef: request.entityRef,
    scheduleName,
    problemType: schedule?.problemType,
    range: { from: range.from.toISOString(), to: range.to.toISOString() },
    metrics,
    confusionMatrix,
    ...(errors.length ? { errors } : {}),
  };
}
