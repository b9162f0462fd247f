import { chiSquaredSurvival } from './chiSquared';
import {
  categoricalChiSquaredPValue,
  categoricalLInfinity,
  numericalDistance,
} from './driftDistance';

describe('drift distances', () => {
  const sketch = (values: number[]) => ({ data: [values] });

  it('numerical L-infinity of CDFs, with the KS correction for Robust', () => {
    const a = sketch([1, 2, 3, 4]);
    const b = sketch([3, 4, 5, 6]);
    expect(numericalDistance(a, b, 'Simple')).toBe(0.5);
    expect(numericalDistance(a, b, 'Robust')).toBe(0); // 0.5 - 1.8 * sqrt(8/16) < 0
    expect(numericalDistance(a, a, 'Simple')).toBe(0);
  });

  it('weighs sketch levels by 2^level', () => {
    // Level 1 items weigh 2: [1] + [5 (x2)] => CDF(1) = 1/3.
    expect(
      numericalDistance({ data: [[1], [5]] }, sketch([1, 5, 5]), 'Simple'),
    ).toBe(0);
  });

  it('reads the CDFs at every item of both sketches, with unsorted levels and ties', () => {
    // deequ's definition: the largest |CDF_a(x) - CDF_b(x)| over the union of items, each CDF
    // the weight of items <= x (level h weighs 2^h) over the total.
    const cdf = (data: number[][], x: number) => {
      const weight = (keep: (v: number) => boolean) =>
        data.reduce(
          (total, level, h) => total + level.filter(keep).length * 2 ** h,
          0,
        );
      return weight(v => v <= x) / weight(() => true);
    };
    let seed = 11;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const level = (n: number) =>
      Array.from({ length: n }, () => Math.round(random() * 40) / 4);
    for (let trial = 0; trial < 20; trial++) {
      const a = [level(30), [], level(12), level(5)];
      const b = [level(25), level(9)];
      const keys = [...a.flat(), ...b.flat()];
      const expected = Math.max(
        ...keys.map(x => Math.abs(cdf(a, x) - cdf(b, x))),
      );
      expect(numericalDistance({ data: a }, { data: b }, 'Simple')).toBe(
        expected,
      );
    }
  });

  it('categorical L-infinity over the union of categories', () => {
    const base = [
      { value: 'a', count: 50 },
      { value: 'b', count: 50 },
    ];
    const cur = [
      { value: 'a', count: 20 },
      { value: 'c', count: 80 },
    ];
    expect(categoricalLInfinity(base, cur, 'Simple')).toBeCloseTo(0.8);
  });

  it('chi-squared p-values', () => {
    expect(chiSquaredSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 6);
    expect(chiSquaredSurvival(18.307038053275146, 10)).toBeCloseTo(0.05, 6);
    const base = [
      { value: 'a', count: 500 },
      { value: 'b', count: 500 },
    ];
    expect(categoricalChiSquaredPValue(base, base)).toBeCloseTo(1);
    const shifted = [
      { value: 'a', count: 700 },
      { value: 'b', count: 300 },
    ];
    expect(categoricalChiSquaredPValue(base, shifted)).toBeLessThan(1e-6);
  });
});
