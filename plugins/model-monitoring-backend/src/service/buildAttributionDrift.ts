import { DEFAULT_ATTRIBUTION_DRIFT_THRESHOLD, type ClarifyAnalysis } from '@mlmon/monitor-engine';
import type { AttributionDriftResponse, FeatureAttribution, SourceError } from '@mlmon/plugin-model-monitoring-common';
import { epochMs } from '../database/ExecutionMetricsStore';
import { SHAP_PREFIX, featureOfShapKey, ndcgKey } from '../reports/clarifyMetrics';
import { inputError, loadBaseline, loadSettings, type ClarifyInputs } from './clarifyInputs';
import { lastUsable } from './seriesHelpers';

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
 * newest window's, and the NDCG of every window in the range. Inputs come from either source
 * (ClarifyInputs); a part that cannot be read becomes a SourceError.
 */
export async function buildAttributionDrift(
  entityRef: string,
  scheduleName: string,
  range: { from: Date; to: Date },
  inputs: ClarifyInputs,
): Promise<AttributionDriftResponse> {
  const errors: SourceError[] = [];
  const settings = await loadSettings(inputs, scheduleName, errors);
  const threshold = settings?.ndcgThreshold ?? DEFAULT_ATTRIBUTION_DRIFT_THRESHOLD;
  const [windows, baseline, recorded] = await Promise.all([
    inputs.windows(scheduleName, range),
    loadBaseline(inputs, scheduleName, errors),
    inputs.metricNames(scheduleName, range, SHAP_PREFIX).catch(error => {
      errors.push(inputError('cloudwatch', `Attribution metrics of ${scheduleName}`, error));
      return [] as string[];
    }),
  ]);
  const latest = lastUsable(windows);
  const label = labelOf(baseline, recorded);
  const before = label ? baseline?.explanations?.kernel_shap?.[label]?.global_shap_values ?? {} : {};
  const now: Record<string, number> = {};
  if (label && latest) {
    try {
      const at = await inputs.metricsAt(scheduleName, latest.windowEnd);
      for (const [key, value] of Object.entries(at)) {
        const feature = featureOfShapKey(key, label);
        if (feature !== undefined) now[feature] = value;
      }
    } catch (error) {
      errors.push(inputError('reports', `analysis.json of ${scheduleName} at ${latest.windowEnd}`, error));
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
  const series = key
    ? await inputs.series(scheduleName, [key], range).then(
        found => found.get(key),
        error => {
          errors.push(inputError('cloudwatch', `Attribution metrics of ${scheduleName}`, error));
          return undefined;
        },
      )
    : undefined;
  const ndcg = windows.map(w => ({ time: w.windowEnd, value: series?.get(epochMs(w.windowEnd)) ?? null }));
  const ndcgNow = latest ? series?.get(epochMs(latest.windowEnd)) ?? null : null;
  return {
    entityRef,
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
