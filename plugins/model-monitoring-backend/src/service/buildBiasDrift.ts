import {
  POST_TRAINING_METRIC_DESCRIPTIONS,
  idealMetricValue,
  metricValueAsNumber,
  type ClarifyAnalysis,
} from '@mlmon/monitor-engine';
import type { BiasDriftResponse, BiasFacet, BiasMetricSeries, SourceError } from '@mlmon/plugin-model-monitoring-common';
import { epochMs } from '../database/ExecutionMetricsStore';
import { BIAS_METRIC_PREFIX, biasMetricKey, parseBiasMetricKey } from '../reports/clarifyMetrics';
import { inputError, loadBaseline, loadSettings, type ClarifyInputs } from './clarifyInputs';
import { lastUsable } from './seriesHelpers';

/** Values no farther from the ideal than the baseline's pass Clarify's bias_drift_check. */
export function biasBand(ideal: number, baseline: number | null): BiasMetricSeries['band'] {
  if (baseline === null || !Number.isFinite(baseline)) return null;
  const distance = Math.abs(baseline - ideal);
  // Rounded so 1 − |0.3 − 1| reads 0.3, not 0.30000000000000004.
  const tidy = (v: number) => Number(v.toPrecision(12));
  return { lower: tidy(ideal - distance), upper: tidy(ideal + distance) };
}

function descriptionOf(metric: string, baseline: ClarifyAnalysis | undefined): string {
  for (const reports of Object.values(baseline?.post_training_bias_metrics?.facets ?? {})) {
    for (const r of reports) {
      const found = r.metrics.find(m => m.name === metric);
      if (found) return found.description;
    }
  }
  return (POST_TRAINING_METRIC_DESCRIPTIONS as Record<string, string>)[metric] ?? metric;
}

/**
 * Bias metrics of a ModelBias schedule over time, for the facet the schedule configures (else
 * the first facet recorded), with the band its baseline allows and the newest execution's
 * violations. Inputs come from either source (ClarifyInputs); a part that cannot be read becomes
 * a SourceError and the rest is answered.
 */
export async function buildBiasDrift(
  entityRef: string,
  scheduleName: string,
  range: { from: Date; to: Date },
  inputs: ClarifyInputs,
): Promise<BiasDriftResponse> {
  const errors: SourceError[] = [];
  const settings = await loadSettings(inputs, scheduleName, errors);
  const [windows, names, baseline] = await Promise.all([
    inputs.windows(scheduleName, range),
    inputs.metricNames(scheduleName, range, BIAS_METRIC_PREFIX).catch(error => {
      errors.push(inputError('cloudwatch', `Bias metrics of ${scheduleName}`, error));
      return [] as string[];
    }),
    loadBaseline(inputs, scheduleName, errors),
  ]);
  const latest = lastUsable(windows);
  const keys = names
    .map(key => ({ key, parsed: parseBiasMetricKey(key) }))
    .filter((k): k is { key: string; parsed: NonNullable<ReturnType<typeof parseBiasMetricKey>> } => k.parsed !== undefined);

  const section = baseline?.post_training_bias_metrics;
  const configured = settings?.facet;
  // The facet: the configured one (its value text as recorded), else the first recorded one.
  const recordedFacets = [...new Map(keys.map(k => [`${k.parsed.facet}\u0000${k.parsed.value}`, k.parsed])).values()];
  const chosen =
    recordedFacets.find(f => f.facet === configured?.column && (configured.value === undefined || f.value === configured.value)) ??
    recordedFacets.find(f => f.facet === configured?.column) ??
    (configured?.value !== undefined ? { facet: configured.column, value: configured.value } : recordedFacets[0]);
  const facetReport = chosen ? section?.facets[chosen.facet]?.find(r => r.value_or_threshold === chosen.value) ?? (section?.facets[chosen.facet]?.length === 1 ? section.facets[chosen.facet][0] : undefined) : undefined;

  let latestViolations: BiasDriftResponse['latestViolations'] = [];
  if (latest) {
    try {
      latestViolations = (await inputs.violationsAt(scheduleName, latest.windowEnd))
        .filter(v => v.constraint_check_type === 'bias_drift_check')
        .map(v => ({ metric: String(v.metric_name), facet: `${v.facet}=${v.facet_value}`, description: String(v.description) }));
    } catch (error) {
      errors.push(inputError('reports', `constraint_violations.json of ${scheduleName} at ${latest.windowEnd}`, error));
    }
  }

  const metricNames = chosen
    ? [...new Set([...keys.filter(k => k.parsed.facet === chosen.facet && k.parsed.value === chosen.value).map(k => k.parsed.metric), ...(facetReport?.metrics.map(m => m.name) ?? [])])].sort()
    : [];
  const seriesKeys = chosen ? metricNames.map(m => biasMetricKey(m, chosen.facet, chosen.value)) : [];
  const values = await inputs.series(scheduleName, seriesKeys, range).catch(error => {
    errors.push(inputError('cloudwatch', `Bias metrics of ${scheduleName}`, error));
    return new Map<string, Map<number, number>>();
  });
  const latestMs = latest ? epochMs(latest.windowEnd) : undefined;
  const times = windows.map(w => ({ time: w.windowEnd, ms: epochMs(w.windowEnd) }));
  const metrics: BiasMetricSeries[] = metricNames.map((metric, i) => {
    const byTime = values.get(seriesKeys[i]);
    const ideal = idealMetricValue(metric);
    const baselineMetric = facetReport?.metrics.find(m => m.name === metric);
    const baselineValue = baselineMetric ? metricValueAsNumber(baselineMetric.value) : null;
    const baselineNumber = baselineValue === null || Number.isNaN(baselineValue) ? null : baselineValue;
    return {
      metric,
      description: descriptionOf(metric, baseline),
      ideal,
      baseline: baselineNumber,
      band: biasBand(ideal, baselineNumber),
      points: times.map(t => ({ time: t.time, value: byTime?.get(t.ms) ?? null })),
      latest: latestMs === undefined ? null : byTime?.get(latestMs) ?? null,
      violated: latestViolations.some(v => v.metric === metric && v.facet === `${chosen!.facet}=${chosen!.value}`),
    };
  });

  const facet: BiasFacet | undefined = chosen
    ? {
        column: chosen.facet,
        value: chosen.value,
        label: section?.label ?? settings?.label?.column ?? '',
        positiveLabel: section?.label_value_or_threshold ?? settings?.label?.positive ?? '',
      }
    : undefined;
  return {
    entityRef,
    scheduleName,
    range: { from: range.from.toISOString(), to: range.to.toISOString() },
    ...(facet ? { facet } : {}),
    latestWindowEnd: latest?.windowEnd,
    metrics,
    latestViolations,
    ...(errors.length ? { errors } : {}),
  };
}
