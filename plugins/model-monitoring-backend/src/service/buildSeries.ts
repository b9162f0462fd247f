import type {
  ModelQualityResponse,
  QualityMetricSeries,
  SourceError,
  ViolationsResponse,
} from '@mlmon/plugin-model-monitoring-common';
import type { ExecutionStore } from '../database/ExecutionStore';
import type { BaselineReader } from '../reports/BaselineReader';
import type { EntityRequest } from './requestContext';
import { lastUsable, readViolations, sourceError } from './seriesHelpers';

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
    const rows = await deps.executions.windows(request.entityRef, scheduleName, range);
    for (const r of rows) {
      const point = byTime.get(r.windowEnd) ?? { total: 0, byCheckType: {} };
      point.total += r.violationCount;
      byTime.set(r.windowEnd, point);
    }
    const newest = lastUsable(rows);
    if (newest?.reportUri && newest.violationCount > 0) {
      try {
        const found = await readViolations(deps.baselines, newest.reportUri);
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
