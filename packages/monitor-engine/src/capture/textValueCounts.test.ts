import {
  categoricalFromCounts,
  domainShareFromCounts,
  textCountsFromHistogram,
} from './textValueCounts';

describe('text value counts of the streamed profile', () => {
  const counts = textCountsFromHistogram([
    { key: 'INLAND', value: 5 },
    { key: 'NEAR BAY', value: 5 },
    { key: 'Z', value: 9 },
    { key: '12', value: 2 },
    { key: '1.5', value: 1 },
    { key: 'true', value: 3 },
  ]);

  it('types each distinct value once, times its count', () => {
    expect(counts.present).toBe(25);
    expect(counts.types).toEqual({
      integral: 2,
      fractional: 1,
      boolean: 3,
      string: 19,
    });
  });

  it('orders categories by count, then by value bytes', () => {
    expect(categoricalFromCounts(counts)).toEqual({
      distinct: 6,
      buckets: [
        { value: 'Z', count: 9 },
        { value: 'INLAND', count: 5 },
        { value: 'NEAR BAY', count: 5 },
        { value: 'true', count: 3 },
        { value: '12', count: 2 },
        { value: '1.5', count: 1 },
      ],
    });
    expect(categoricalFromCounts(undefined)).toEqual({ distinct: 0 });
  });

  it('gives the share of values inside a domain', () => {
    expect(domainShareFromCounts(counts, ['INLAND', 'Z'])).toBeCloseTo(14 / 25);
    expect(
      domainShareFromCounts(textCountsFromHistogram(null), ['x']),
    ).toBeUndefined();
  });
});
