import {
  ageInDays,
  formatCount,
  formatDuration,
  formatMetric,
  formatPercent,
  formatRelative,
} from './format';

const now = Date.parse('2026-11-22T12:00:00.000Z');

describe('format', () => {
  it('says how long ago or how soon, in words', () => {
    expect(formatRelative('2026-11-22T09:00:00.000Z', now, 'en')).toBe(
      '3 hours ago',
    );
    expect(formatRelative('2026-11-22T12:40:00.000Z', now, 'en')).toBe(
      'in 40 minutes',
    );
    expect(formatRelative('2026-11-21T12:00:00.000Z', now, 'en')).toBe(
      'yesterday',
    );
    expect(formatRelative('2026-11-22T12:00:20.000Z', now, 'en')).toBe('now');
  });

  it('formats numbers with units', () => {
    expect(formatDuration(0.85, 'en')).toBe('850 µs');
    expect(formatDuration(12.44, 'en')).toBe('12.4 ms');
    expect(formatDuration(1234, 'en')).toBe('1.23 s');
    expect(formatCount(12345, 'en')).toBe('12.3K');
    expect(formatPercent(0.0312, 'en')).toBe('3.1%');
    expect(formatMetric(0.123456, 'en')).toBe('0.1235');
    expect(formatMetric(null)).toBe('—');
    expect(ageInDays('2026-11-10T12:00:00.000Z', now)).toBe(12);
  });
});
