/*
 * Bias and attribution results in words a person reads without knowing Clarify: the facet as a
 * sentence, rank moves as arrows, the NDCG verdict as a sentence.
 */
import type {
  AttributionDriftResponse,
  BiasFacet,
  BiasMetricSeries,
  FeatureAttribution,
} from '@mlmon/plugin-model-monitoring-common';
import { formatMetric } from '../shared';

/**
 * "sex = Female, positive label income = >50K". A threshold facet (`>= 40`) already carries its
 * operator: "age >= 40".
 */
export function facetInWords(facet: BiasFacet): string {
  const value = facet.value.trim();
  const group = /^[<>=!]/.test(value)
    ? `${facet.column} ${value}`
    : `${facet.column} = ${value}`;
  return `${group}, positive label ${facet.label} = ${facet.positiveLabel}`;
}

/**
 * Violated metrics first, then those whose latest value left the band (not flagged, e.g. a
 * metric the monitor does not check), then by name so the order is stable between loads.
 */
export function biasMetricsInReadingOrder(
  metrics: BiasMetricSeries[],
): BiasMetricSeries[] {
  return [...metrics].sort(
    (a, b) =>
      Number(b.violated) - Number(a.violated) ||
      Number(isOutsideBand(b.latest, b.band)) -
        Number(isOutsideBand(a.latest, a.band)) ||
      a.metric.localeCompare(b.metric),
  );
}

/** "0.35 to 1.65", or a dash when the baseline had no value. */
export function bandInWords(band: BiasMetricSeries['band']): string {
  return band
    ? `${formatMetric(band.lower)} to ${formatMetric(band.upper)}`
    : '—';
}

/** Whether a value lies outside the allowed band (unknown values are not outside). */
export function isOutsideBand(
  value: number | null,
  band: BiasMetricSeries['band'],
): boolean {
  return (
    value !== null &&
    band !== null &&
    (value < band.lower || value > band.upper)
  );
}

/** The numbers of one bias chart, for screen readers and as its caption. */
export function biasMetricCaption(m: BiasMetricSeries): string {
  const parts = [
    `latest ${formatMetric(m.latest)}`,
    `baseline ${formatMetric(m.baseline)}`,
    `allowed ${bandInWords(m.band)}`,
    `ideal ${formatMetric(m.ideal)}`,
  ];
  return `${m.metric}: ${parts.join(', ')}${m.violated ? ' (violated)' : ''}`;
}

export interface RankMove {
  /** "▲2", "▼1", "=" , "new" or "gone". */
  symbol: string;
  /** The same for screen readers: "up 2 places". */
  words: string;
  direction: 'up' | 'down' | 'same' | 'new' | 'gone';
}

/** How a feature moved in the attribution ranking since the baseline (rank 1 is the top). */
export function rankMove(f: FeatureAttribution): RankMove {
  if (f.baselineRank === null && f.currentRank === null) {
    return { symbol: '—', words: 'not ranked', direction: 'same' };
  }
  if (f.baselineRank === null) {
    return { symbol: 'new', words: 'not in the baseline', direction: 'new' };
  }
  if (f.currentRank === null) {
    return { symbol: 'gone', words: 'missing now', direction: 'gone' };
  }
  const places = f.baselineRank - f.currentRank;
  const plural = Math.abs(places) === 1 ? 'place' : 'places';
  if (places > 0) {
    return {
      symbol: `▲${places}`,
      words: `up ${places} ${plural}`,
      direction: 'up',
    };
  }
  if (places < 0) {
    return {
      symbol: `▼${-places}`,
      words: `down ${-places} ${plural}`,
      direction: 'down',
    };
  }
  return { symbol: '=', words: 'same place', direction: 'same' };
}

export interface NdcgVerdict {
  status: 'violated' | 'ok' | 'unknown';
  text: string;
}

/** "NDCG 0.72 < 0.90 threshold: the model now relies on different features". */
export function ndcgVerdict(
  value: Pick<AttributionDriftResponse, 'ndcgNow' | 'threshold' | 'violated'>,
): NdcgVerdict {
  const threshold = value.threshold.toFixed(2);
  if (value.ndcgNow === null) {
    return {
      status: 'unknown',
      text: `No NDCG for the newest window yet (threshold ${threshold})`,
    };
  }
  // Near the threshold two digits would read "0.90 < 0.90": show as many as tell them apart.
  let digits = 2;
  while (
    digits < 6 &&
    value.ndcgNow !== value.threshold &&
    value.ndcgNow.toFixed(digits) === value.threshold.toFixed(digits)
  ) {
    digits += 1;
  }
  const ndcg = value.ndcgNow.toFixed(digits);
  if (value.violated || value.ndcgNow < value.threshold) {
    return {
      status: 'violated',
      text: `NDCG ${ndcg} < ${threshold} threshold: the model now relies on different features`,
    };
  }
  return {
    status: 'ok',
    text: `NDCG ${ndcg} ≥ ${threshold} threshold: the feature ranking matches the baseline`,
  };
}
