/**
 * smclarify's division rule (`common.divide`), used wherever a bias metric divides counts:
 * 0/0 is 0, x/0 is +Infinity for x > 0 and -Infinity for x < 0. Metrics that subtract two such
 * ratios additionally return 0 when both sides are +Infinity (see {@link differenceOfRatios}).
 */
export function smclarifyDivide(numerator: number, denominator: number): number {
  if (denominator === 0 && numerator === 0) return 0;
  if (denominator === 0) return numerator < 0 ? -Infinity : Infinity;
  return numerator / denominator;
}

/**
 * `left - right`, except that smclarify returns 0 when both ratios are +Infinity (instead of
 * NaN). Only the +Infinity case is special-cased there, so we do the same.
 */
export function differenceOfRatios(left: number, right: number): number {
  if (left === right && left === Infinity) return 0;
  return left - right;
}
