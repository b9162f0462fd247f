import { DEFAULT_ATTRIBUTION_DRIFT_THRESHOLD, type ClarifyAnalysis } from '@mlmon/monitor-engine';
import type { AttributionDriftResponse, FeatureAttribution, SourceError } from '@mlmon/plugin-model-monitoring-common';
import { epochMs } from '../database/ExecutionMetricsStore';
import { SHAP_PREFIX, featureOfShapKey, ndcgKey } from '../reports/clarifyMetrics';
import { readClarifyAnalysis } from '../reports/clarifyReports';
import type { ClarifyBuildDeps } from './buildBiasDrift';
import type { EntityRequest } from './requestContext';
import { lastUsable, sourceError } from './seriesHelpers';

/** Feature names in UTF-16 code-unit order, so ties rank the same on every locale. */
function compareCodeUnits(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/** 1 = largest attribution; features absent from a side get null. */
function ranks(values: Record<string, number>): Map<string, number> {
  return new Map(
    Object.entries(values)
      .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]) || compareCodeUnits(a[0], b[0]))
      .map(([feature], i) => [feature, i + 1]),
  );
}

/** The label recorded for a schedule: the baseline's first, else the first recorded one. */
function labelOf(baseline: ClarifyAnalysis | undefined, recorded: string[]): string | undefined {
  const fromBaseline = Object.keys(baseline?.explanations?.kernel_shap ?? {})[0];
  if (fromBaseline) return fromBaseline;
  const key = recorded[0];
  if (!key) return undefined;
  try {
    return decodeURIComponent(key.slice(SHAP_PREFIX.length).split(':')[0]);
  } catch {
    return undefined;
  }
}

/**
 * Feature-attribution drift of a ModelExplainability schedule: the baseline's ranking against the
 * newest window's (from execution_metrics), and the NDCG of every window in the range.
 */
export async function buildAttributionDrift(
  request: EntityRequest,
  scheduleName: string,
  range: { from: Date; to: Date },
  deps: ClarifyBuildDeps,
): Promise<AttributionDriftResponse> {
  const errors: SourceError[] = [];
  const spec = request.builtinModel?.schedules.find(s => s.name === scheduleName);
  const threshold = spec?.ndcgThreshold ?? DEFAULT_ATTRIBUTION_DRIFT_THRESHOLD;
  const windows = await deps.executions.windows(request.entityRef, scheduleName, range);
  const latest = lastUsable(windows);
  let baseline: ClarifyAnalysis | undefined;
  if (spec) {
    try {
      baseline = await readClarifyAnalysis(deps.reports, spec.baselineUri);
      if (!baseline) errors.push({ source: 'reports', code: 404, message: `Baseline analysis.json not found: ${spec.baselineUri}/analysis.json` });
    } catch (error) {
      errors.push(sourceError('reports', error));
    }
  }
  const recorded = await deps.metrics.names(request.entityRef, scheduleName, range, SHAP_PREFIX);
  const label = labelOf(baseline, recorded);
  const before = label ? baseline?.explanations?.kernel_shap?.[label]?.global_shap_values ?? {} : {};
  const now: Record<string, number> = {};
  if (label && latest) {
    const at = await deps.metrics.at(request.entityRef, scheduleName, new Date(latest.windowEnd));
    for (const [key, value] of Object.entries(at)) {
      const feature = featureOfShapKey(key, label);
      if (feature !== undefined) now[feature] = value;
    }
  }
  const beforeRanks = ranks(before);
  const nowRanks = ranks(now);
  const features: FeatureAttribution[] = [...new Set([...Object.keys(now), ...Object.keys(before)])]
    .map(feature => ({
      feature,
      baseline: before[feature] ?? null,
      current: now[feature] ?? null,
      baselineRank: beforeRanks.get(feature) ?? null,
      currentRank: nowRanks.get(feature) ?? null,
    }))
    .sort((a, b) => Math.abs(b.current ?? -1) - Math.abs(a.current ?? -1) || (b.baseline ?? -1) - (a.baseline ?? -1));

  const key = label ? ndcgKey(label) : undefined;
  const series = key ? (await deps.metrics.series(request.entityRef, scheduleName, [key], range)).get(key) : undefined;
  const ndcg = windows.map(w => ({ time: w.windowEnd, value: series?.get(epochMs(w.windowEnd)) ?? null }));
  const ndcgNow = latest ? series?.get(epochMs(latest.windowEnd)) ?? null : null;
  return {
    entityRef: request.entityRef,
    scheduleName,
    range: { from: range.from.toISOString(), to: range.to.toISOString() },
    ...(label ? { label } : {}),
    latestWindowEnd: latest?.windowEnd,
    features,
    ndcg,
    ndcgNow,
    threshold,
    violated: ndcgNow !== null ? ndcgNow < threshold : latest?.status === 'CompletedWithViolations',
    ...(errors.length ? { errors } : {}),
  };
}
