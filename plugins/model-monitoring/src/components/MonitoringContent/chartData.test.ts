import { driftPointMeaning, formatBucket, mergeSeries } from './chartData';

describe('chartData', () => {
  it('names bucket widths in the largest whole unit', () => {
    expect(formatBucket(21_600)).toBe('6 hours');
    expect(formatBucket(86_400)).toBe('1 day');
    expect(formatBucket(7 * 86_400)).toBe('7 days');
    expect(formatBucket(900)).toBe('15 minutes');
    expect(formatBucket(90)).toBe('90 seconds');
  });

  it('says what a drift point is, downsampled or not', () => {
    expect(driftPointMeaning(undefined)).toBe(
      'Baseline drift distance per execution window',
    );
    expect(driftPointMeaning(43_200)).toMatch(
      /^Highest baseline drift distance per 12 hours/,
    );
  });

  it('merges downsampled series on their shared bucket times, gaps as null', () => {
    const rows = mergeSeries([
      {
        key: 'a',
        points: [
          { time: '2026-01-01T06:00:00.000Z', value: 0.9 },
          { time: '2026-01-01T12:00:00.000Z', value: null },
        ],
      },
      { key: 'b', points: [{ time: '2026-01-01T06:00:00.000Z', value: 0.1 }] },
    ]);
    expect(rows).toEqual([
      { time: '2026-01-01T06:00:00.000Z', a: 0.9, b: 0.1 },
      { time: '2026-01-01T12:00:00.000Z', a: null },
    ]);
  });
});
