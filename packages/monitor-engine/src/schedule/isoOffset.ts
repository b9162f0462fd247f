/**
 * ISO 8601 duration offsets as SageMaker uses them for analysis windows: `-PT1H`, `-P2D`,
 * `-PT30M`, `-P1DT12H` (ScheduleConfig.DataAnalysisStartTime/EndTime, EndpointInput.StartTimeOffset/
 * EndTimeOffset). They point back from the scheduled time, so they must not be positive. Years and
 * months are rejected: they have no fixed length.
 */
export class OffsetError extends Error {
  constructor(readonly offset: string, reason: string) {
    super(`Invalid time offset ${JSON.stringify(offset)}: ${reason}`);
    this.name = 'OffsetError';
  }
}

const DURATION = /^([-+])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;
const MS = { W: 604_800_000, D: 86_400_000, H: 3_600_000, M: 60_000, S: 1000 };

/** Parses a duration offset into signed milliseconds (≤ 0). */
export function parseOffset(offset: string): number {
  const text = offset.trim();
  if (/^[-+]?P(\d+Y|\d+M)/.test(text)) {
    throw new OffsetError(offset, 'years and months have no fixed length; use days (P30D) or hours');
  }
  const match = DURATION.exec(text);
  if (!match || text.endsWith('P') || text.endsWith('T') || !/\d/.test(text)) {
    throw new OffsetError(offset, 'expected an ISO 8601 duration such as -PT1H, -P2D or -P1DT6H');
  }
  const [, sign, w, d, h, m, s] = match;
  const magnitude =
    Number(w ?? 0) * MS.W + Number(d ?? 0) * MS.D + Number(h ?? 0) * MS.H + Number(m ?? 0) * MS.M + Number(s ?? 0) * MS.S;
  if (magnitude !== 0 && sign !== '-') {
    throw new OffsetError(offset, 'offsets point back from the scheduled time and must be negative, e.g. -PT1H');
  }
  return magnitude === 0 ? 0 : -magnitude;
}

/** Parses a positive duration such as `2d`, `PT36H`, `90m` (used for label delays and spans). */
export function parseDuration(text: string): number {
  const short = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)$/i.exec(text.trim());
  if (short) {
    const unit = short[2].toLowerCase();
    const factor = unit === 'ms' ? 1 : MS[unit.toUpperCase() as keyof typeof MS];
    return Math.round(Number(short[1]) * factor);
  }
  const iso = text.trim().replace(/^\+/, '');
  if (iso.startsWith('-')) throw new OffsetError(text, 'a duration must not be negative');
  try {
    return -parseOffset(`-${iso}`);
  } catch {
    throw new OffsetError(text, 'expected a duration such as 2d, 36h, 90m or PT36H');
  }
}
