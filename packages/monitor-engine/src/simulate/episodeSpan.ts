import { parseDuration } from '../schedule/isoOffset';

/**
 * When a drift or degradation episode is active: from `from` (inclusive) to `to` (exclusive),
 * growing linearly from nothing to full strength over `ramp` milliseconds.
 */
export interface EpisodeSpan {
  from?: number;
  to?: number;
  rampMs: number;
}

/** Strength of the episode at `time` (epoch ms): 0 outside the span, 0..1 during the ramp, then 1. */
export function intensityAt(span: EpisodeSpan, time: number): number {
  if (span.from !== undefined && time < span.from) return 0;
  if (span.to !== undefined && time >= span.to) return 0;
  if (span.rampMs <= 0 || span.from === undefined) return 1;
  return Math.min(1, (time - span.from) / span.rampMs);
}

/** `key=value` pairs of one episode, split on commas; values may not contain commas. */
export function parseParams(text: string, spec: string): Array<[string, string]> {
  return text.split(',').map(part => {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new Error(`Invalid spec ${JSON.stringify(spec)}: expected key=value, got ${JSON.stringify(part.trim())}`);
    return [part.slice(0, eq).trim(), part.slice(eq + 1).trim()];
  });
}

/** Reads the span keys (from, to, ramp); returns false for keys that are not span keys. */
export function applySpanParam(span: EpisodeSpan, key: string, value: string, spec: string): boolean {
  if (key === 'from' || key === 'to') {
    const time = Date.parse(value);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(time)) {
      throw new Error(`Invalid spec ${JSON.stringify(spec)}: ${key} must be an ISO time like 2026-11-20T10:00Z`);
    }
    span[key] = time;
    return true;
  }
  if (key === 'ramp') {
    span.rampMs = parseDuration(value);
    return true;
  }
  return false;
}

export function checkSpan(span: EpisodeSpan, spec: string): void {
  if (span.from !== undefined && span.to !== undefined && span.from >= span.to) {
    throw new Error(`Invalid spec ${JSON.stringify(spec)}: from must be before to`);
  }
  if (span.rampMs > 0 && span.from === undefined) {
    throw new Error(`Invalid spec ${JSON.stringify(spec)}: ramp needs a from time`);
  }
}

export function parseNumberParam(key: string, value: string, spec: string, min = -Infinity, max = Infinity): number {
  const n = Number(value);
  if (value === '' || !Number.isFinite(n) || n < min || n > max) {
    const range = Number.isFinite(min) || Number.isFinite(max) ? ` between ${min} and ${max}` : '';
    throw new Error(`Invalid spec ${JSON.stringify(spec)}: ${key} must be a number${range}, got ${JSON.stringify(value)}`);
  }
  return n;
}
