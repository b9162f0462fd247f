import type { DriftResponse } from '@mlmon/plugin-model-monitoring-common';
import { downsampleDriftResponse, downsampleMax, driftBucketMs } from './downsampleDrift';

const HOUR = 3_600_000;
const start = Date.parse('2026-01-01T00:00:00Z');
const hourly = (values: Array<number | null>) => values.map((value, i) => ({ ms: start + (i + 1) * HOUR, value }));

describe('drift downsampling', () => {
  it('keeps windows as they are while they fit, else picks the narrowest width that fits', () => {
    const range = { from: new Date(start), to: new Date(start + 90 * 24 * HOUR) };
    expect(driftBucketMs(range, 500, 500)).toBeUndefined();
    // 90 days in at most 500 points: 4.3 hours at least, 6 hours on the ladder (360 buckets).
    expect(driftBucketMs(range, 2160, 500)).toBe(6 * HOUR);
    const points = downsampleMax(hourly(Array.from({ length: 2160 }, (_, i) => i % 7)), 6 * HOUR);
    expect(points.length).toBeLessThanOrEqual(500);
    expect(points).toHaveLength(360);
  });

  it('keeps the peak of each bucket at the end of its last window, and nulls only for empty buckets', () => {
    // Six-hour buckets: windows ending 01:00..06:00 are one bucket, 07:00..12:00 the next.
    const points = downsampleMax(hourly([0.1, 0.9, 0.2, null, 0.1, 0.3, null, null, null, null, null, null, 0.4]), 6 * HOUR);
    expect(points).toEqual([
      { time: '2026-01-01T06:00:00.000Z', value: 0.9 },
      { time: '2026-01-01T12:00:00.000Z', value: null },
      { time: '2026-01-01T13:00:00.000Z', value: 0.4 },
    ]);
  });

  it('downsamples an answer of another source the same way, and says the bucket width', () => {
    const response: DriftResponse = {
      entityRef: 'component:default/m',
      scheduleName: 'dq',
      range: { from: '2026-01-01T00:00:00.000Z', to: '2026-01-02T00:00:00.000Z' },
      now: [],
      series: [{ feature: 'age', points: hourly([0.1, 0.5, 0.2, 0.3]).map(p => ({ time: new Date(p.ms).toISOString(), value: p.value })) }],
    };
    expect(downsampleDriftResponse(response, 10)).toBe(response);
    const coarse = downsampleDriftResponse(response, 3);
    expect(coarse.bucketSeconds).toBe(12 * 3600);
    expect(coarse.series[0].points).toEqual([{ time: '2026-01-01T04:00:00.000Z', value: 0.5 }]);
  });
});
