import { attributionChangeByFeature, rankDriftContributors, type ClarifyAnalysis } from '@mlmon/monitor-engine';
import type { DriftContributorsResponse, MonitoringExecution, SourceError } from '@mlmon/plugin-model-monitoring-common';
import type { ExecutionMetrics } from '../database/ExecutionMetricsStore';
import { featureOfShapKey } from '../reports/clarifyMetrics';
import { readClarifyAnalysis } from '../reports/clarifyReports';
import { DRIFT_METRIC_PREFIX } from '../reports/ReportReader';
import type { ClarifyBuildDeps } from './buildBiasDrift';
import type { EntityRequest } from './requestContext';
import { sourceError } from './seriesHelpers';

/** How far back the newest usable execution of a schedule is looked for. */
const LOOK_BACK = 48;

const usable = (e: MonitoringExecution) => e.status === 'Completed' || e.status === 'CompletedWithViolations';

async function newestUsable(deps: ClarifyBuildDeps, entityRef: string, schedule: string) {
  const execution = (await deps.executions.newest(entityRef, schedule, LOOK_BACK)).find(usable);
  if (!execution) return undefined;
  return { execution, metrics: await deps.metrics.at(entityRef, schedule, new Date(execution.windowEnd)) };
}

function attributionsIn(metrics: ExecutionMetrics, label: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(metrics)) {
    const feature = featureOfShapKey(key, label);
    if (feature !== undefined) out[feature] = value;
  }
  return out;
}

/**
 * "Features to look at first": the newest data-quality execution's drift distances of the
 * features that violated, weighted by the newest explainability execution's global attributions
 * when the model has such a monitor (rankDriftContributors). Without a data-quality monitor, the
 * attribution changes of a violating explainability execution are ranked instead.
 */
export async function buildDriftContributors(request: EntityRequest, deps: ClarifyBuildDeps): Promise<DriftContributorsResponse> {
  const errors: SourceError[] = [];
  const latest = await deps.executions.latestPerSchedule(request.entityRef);
  const typeOf = (name: string) =>
    request.builtinModel?.schedules.find(s => s.name === name)?.monitorType ?? latest.find(e => e.scheduleName === name)?.monitorType;
  const dqSchedule = request.scheduleNames.find(n => typeOf(n) === 'DataQuality');
  const explainSchedule = request.scheduleNames.find(n => typeOf(n) === 'ModelExplainability');

  const explain = explainSchedule ? await newestUsable(deps, request.entityRef, explainSchedule) : undefined;
  let baseline: ClarifyAnalysis | undefined;
  const spec = request.builtinModel?.schedules.find(s => s.name === explainSchedule);
  if (explain && spec) {
    try {
      baseline = await readClarifyAnalysis(deps.reports, spec.baselineUri);
    } catch (error) {
      errors.push(sourceError('reports', error));
    }
  }
  const label = Object.keys(baseline?.explanations?.kernel_shap ?? {})[0] ?? 'label0';
  const attributions = explain ? attributionsIn(explain.metrics, label) : {};
  const weighted = Object.keys(attributions).length > 0;
  const base = { entityRef: request.entityRef, ...(errors.length ? { errors } : {}) };

  const dq = dqSchedule ? await newestUsable(deps, request.entityRef, dqSchedule) : undefined;
  if (dq) {
    const violating = new Set(dq.execution.violations);
    const driftByFeature: Record<string, number> = {};
    for (const [key, value] of Object.entries(dq.metrics)) {
      if (!key.startsWith(DRIFT_METRIC_PREFIX)) continue;
      const feature = key.slice(DRIFT_METRIC_PREFIX.length);
      if (violating.has(feature)) driftByFeature[feature] = value;
    }
    const items = rankDriftContributors({ driftByFeature, attributionByFeature: attributions });
    return { ...base, basis: 'data-quality', weighted, windowEnd: dq.execution.windowEnd, items: items.map(toItem) };
  }
  if (explain) {
    const before = baseline?.explanations?.kernel_shap?.[label]?.global_shap_values ?? {};
    const violated = explain.execution.status === 'CompletedWithViolations';
    const items = violated && Object.keys(before).length
      ? rankDriftContributors({ driftByFeature: attributionChangeByFeature(before, attributions), attributionByFeature: before })
      : [];
    return {
      ...base,
      basis: 'feature-attribution',
      weighted: Object.keys(before).length > 0,
      windowEnd: explain.execution.windowEnd,
      items: items.map(toItem),
    };
  }
  return { ...base, basis: 'none', weighted: false, items: [] };
}

function toItem(c: { feature: string; drift: number; attribution: number | null; share: number; rank: number }) {
  return { feature: c.feature, drift: c.drift, attribution: c.attribution, share: c.share, rank: c.rank };
}
