/*
 * Formatting for people: in their locale and time zone, with units, relative times.
 * Every function takes `now`/`locale` so tests are deterministic.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Formats an ISO instant to the minute, e.g. "Nov 22, 2026, 11:05 AM". */
export function formatDateTime(iso: string, locale?: string): string {
  return new Date(iso).toLocaleString(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** Short axis label for chart ticks: time of day for short ranges, day otherwise. */
export function formatTick(
  iso: string,
  spanMs: number,
  locale?: string,
): string {
  const date = new Date(iso);
  if (spanMs <= 2 * DAY) {
    return date.toLocaleTimeString(locale, {
      hour: '2-digit',
      minute: '2-digit',
    });
  }
  return date.toLocaleDateString(locale, { month: 'short', day: 'numeric' });
}

const RELATIVE_UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * DAY],
  ['month', 30 * DAY],
  ['week', 7 * DAY],
  ['day', DAY],
  ['hour', HOUR],
  ['minute', MINUTE],
];

/** "3 hours ago", "in 40 minutes", "now". */
export function formatRelative(
  iso: string,
  now: number = Date.now(),
  locale?: string,
): string {
  const diff = new Date(iso).getTime() - now;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, ms] of RELATIVE_UNITS) {
    if (Math.abs(diff) >= ms) {
      return format.format(Math.round(diff / ms), unit);
    }
  }
  return format.format(0, 'second');
}

/** Age of an instant in whole days, for "baseline 12 days old". */
export function ageInDays(iso: string, now: number = Date.now()): number {
  return Math.floor((now - new Date(iso).getTime()) / DAY);
}

/** A plain number with at most `digits` fraction digits: 12,345.68 */
export function formatNumber(
  value: number,
  digits = 2,
  locale?: string,
): string {
  return new Intl.NumberFormat(locale, {
    maximumFractionDigits: digits,
  }).format(value);
}

/** Large counts compactly: 12.3K, 4.5M. */
export function formatCount(value: number, locale?: string): string {
  return new Intl.NumberFormat(locale, {
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(value);
}

/** A share 0..1 as a percentage: 0.0312 → "3.1%". */
export function formatPercent(share: number, locale?: string): string {
  return new Intl.NumberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: 1,
  }).format(share);
}

/** Milliseconds with a fitting unit: "850 µs", "12.4 ms", "1.2 s". */
export function formatDuration(ms: number, locale?: string): string {
  if (ms < 1) {
    return `${formatNumber(ms * 1000, 0, locale)} µs`;
  }
  if (ms < 1000) {
    return `${formatNumber(ms, ms < 10 ? 2 : 1, locale)} ms`;
  }
  return `${formatNumber(ms / 1000, 2, locale)} s`;
}

/** Metric and statistic values: 4 significant digits, enough for distances and RMSE alike. */
export function formatMetric(
  value: number | null | undefined,
  locale?: string,
): string {
  if (value === null || value === undefined || Number.isNaN(value)) {
    return '—';
  }
  return new Intl.NumberFormat(locale, { maximumSignificantDigits: 4 }).format(
    value,
  );
}
