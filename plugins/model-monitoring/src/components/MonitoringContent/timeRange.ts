import type { TimeRange } from '@mlmon/plugin-model-monitoring-common';

/** The ranges the picker offers; the backend allows up to 400 days. */
export const RANGE_OPTIONS = [
  { key: '24h', label: '24 hours', ms: 24 * 3_600_000 },
  { key: '7d', label: '7 days', ms: 7 * 24 * 3_600_000 },
  { key: '30d', label: '30 days', ms: 30 * 24 * 3_600_000 },
  { key: '90d', label: '90 days', ms: 90 * 24 * 3_600_000 },
] as const;

export type RangeKey = (typeof RANGE_OPTIONS)[number]['key'];

/** The [from, to) range ending now; `to` is rounded up to the minute so requests cache well. */
export function rangeFor(
  key: RangeKey,
  now: number,
): TimeRange & { spanMs: number } {
  const option = RANGE_OPTIONS.find(o => o.key === key)!;
  const to = Math.ceil(now / 60_000) * 60_000;
  return {
    from: new Date(to - option.ms).toISOString(),
    to: new Date(to).toISOString(),
    spanMs: option.ms,
  };
}
