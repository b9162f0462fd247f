import { attributionChangeByFeature, rankDriftContributors, type ClarifyAnalysis } from '@mlmon/monitor-engine';
import type { DriftContributorsResponse, MonitorType, SourceError } from '@mlmon/plugin-model-monitoring-common';
import type { ExecutionMetrics } from '../database/ExecutionMetricsStore';
import { featureOfShapKey } from '../reports/clarifyMetrics';
import { DRIFT_METRIC_PREFIX } from '../reports/ReportReader';
import { inputError, type ClarifyInputs, type NewestExecution } from './clarifyInputs';

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
export async function buildDriftContributors(entityRef: string, inputs: ClarifyInputs): Promise<DriftContributorsResponse> {
  const errors: SourceError[] = [];
  const schedules = await inputs.schedules();
  const dqSchedule = schedules.find(s => s.monitorType === 'DataQuality')?.name;
  const explainSchedule = schedules.find(s => s.monitorType === 'ModelExplainability')?.name;
  const newest = async (schedule: string | undefined, type: MonitorType): Promise<NewestExecution | undefined> => {
    if (!schedule) return undefined;
    try {
      return await inputs.newestUsable(schedule, type);
    } catch (error) {
      errors.push(inputError(type === 'DataQuality' ? 'cloudwatch' : 'reports', `Newest execution of ${schedule}`, error));
      return undefined;
    }
  };

  const explain = await newest(explainSchedule, 'ModelExplainability');
  let baseline: ClarifyAnalysis | undefined;
  if (explain && explainSchedule) {
    try {
      baseline = (await inputs.baseline(explainSchedule))?.analysis;
    } catch (error) {
      errors.push(inputError('reports', `Baseline of ${explainSchedule}`, error));
    }
  }
  const label = Object.keys(baseline?.explanations?.kernel_shap ?? {})[0] ?? 'label0';
  const attributions = explain ? attributionsIn(explain.metrics, label) : {};
  const weighted = Object.keys(attributions).length > 0;
  const base = { entityRef, ...(errors.length ? { errors } : {}) };

  const dq = await newest(dqSchedule, 'DataQuality');
  if (dq) {
    const violating = new Set(dq.violatingFeatures);
    const driftByFeature: Record<string, number> = {};
    for (const [key, value] of Object.entries(dq.metrics)) {
      if (!key.startsWith(DRIFT_METRIC_PREFIX)) continue;
      const feature = key.slice(DRIFT_METRIC_PREFIX.length);
      if (violating.has(feature)) driftByFeature[feature] = value;
    }
    const items = rankDriftContributors({ driftByFeature, attributionByFeature: attributions });
    return {
      ...base,
      basis: 'data-quality',
      weighted,
      windowEnd: dq.execution.windowEnd,
      items: weighted ? items.map(toItem) : sharesOfDrift(items.map(toItem)),
    };
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

/**
 * Without attributions every weight is 0, so every share would read 0 %: each feature's share of
 * the summed drift says the same thing a person wants to know (which feature moved most).
 */
function sharesOfDrift<T extends { drift: number; share: number }>(items: T[]): T[] {
  const total = items.reduce((sum, item) => sum + Math.abs(item.drift), 0);
  return items.map(item => ({ ...item, share: total > 0 ? Math.abs(item.drift) / total : 0 }));
}
