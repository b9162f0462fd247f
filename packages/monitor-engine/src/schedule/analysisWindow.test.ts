import { analysisWindow, AnalysisWindowError, windowsBetween } from './analysisWindow';
import { parseDuration, parseOffset } from './isoOffset';

const at = (iso: string) => new Date(iso);
const win = (start: string, end: string) => ({ start: at(start), end: at(end) });

describe('analysis windows', () => {
  it('covers the previous hour for an hourly execution', () => {
    expect(analysisWindow('cron(0 * ? * * *)', at('2026-11-20T13:00:00Z'))).toEqual(
      win('2026-11-20T12:00:00Z', '2026-11-20T13:00:00Z'),
    );
  });

  it('covers the time since the previous run for daily and every-N-hours schedules', () => {
    expect(analysisWindow('cron(0 5 ? * * *)', at('2026-11-20T05:00:00Z'))).toEqual(
      win('2026-11-19T05:00:00Z', '2026-11-20T05:00:00Z'),
    );
    expect(analysisWindow('cron(0 17/12 ? * * *)', at('2026-11-20T05:00:00Z'))).toEqual(
      win('2026-11-19T17:00:00Z', '2026-11-20T05:00:00Z'),
    );
  });

  it("reproduces SageMaker's model-quality offset example (-P8D, -P1D at 2020-01-09T13:00)", () => {
    expect(
      analysisWindow('cron(0 * ? * * *)', at('2020-01-09T13:00:00Z'), { startOffset: '-P8D', endOffset: '-P1D' }),
    ).toEqual(win('2020-01-01T13:00:00Z', '2020-01-08T13:00:00Z'));
  });

  it('moves one bound with a single offset (delayed labels)', () => {
    expect(analysisWindow('cron(0 * ? * * *)', at('2026-11-20T13:00:00Z'), { startOffset: '-PT2H', endOffset: '-PT1H' })).toEqual(
      win('2026-11-20T11:00:00Z', '2026-11-20T12:00:00Z'),
    );
    expect(analysisWindow('cron(0 0 ? * * *)', at('2026-11-20T00:00:00Z'), { endOffset: '-PT1H' })).toEqual(
      win('2026-11-19T00:00:00Z', '2026-11-19T23:00:00Z'),
    );
  });

  it('needs offsets for NOW and applies them to the creation time', () => {
    expect(() => analysisWindow('NOW', at('2026-11-20T13:27:00Z'))).toThrow(/NOW schedule needs both/);
    expect(analysisWindow('NOW', at('2026-11-20T13:27:00Z'), { startOffset: '-PT5H', endOffset: '-PT0H' })).toEqual(
      win('2026-11-20T08:27:00Z', '2026-11-20T13:27:00Z'),
    );
  });

  it('rejects times that are not run times, empty windows and over-long DataAnalysis windows', () => {
    expect(() => analysisWindow('cron(0 0/6 ? * * *)', at('2026-11-20T13:00:00Z'))).toThrow(
      /is not a run time of cron\(0 0\/6 \? \* \* \*\)/,
    );
    expect(() => analysisWindow('cron(0 * ? * * *)', at('2026-11-20T13:00:00Z'), { startOffset: '-PT1H', endOffset: '-PT2H' })).toThrow(
      AnalysisWindowError,
    );
    expect(() =>
      analysisWindow('cron(0 * ? * * *)', at('2026-11-20T13:00:00Z'), { startOffset: '-P2D', source: 'scheduleConfig' }),
    ).toThrow(/at most 24 hours apart/);
  });

  it('enumerates backfill windows that tile the range exactly', () => {
    const windows = [...windowsBetween('cron(0 * ? * * *)', at('2026-11-20T10:00:00Z'), at('2026-11-20T13:00:00Z'))];
    expect(windows).toEqual([
      { scheduledTime: at('2026-11-20T11:00:00Z'), window: win('2026-11-20T10:00:00Z', '2026-11-20T11:00:00Z') },
      { scheduledTime: at('2026-11-20T12:00:00Z'), window: win('2026-11-20T11:00:00Z', '2026-11-20T12:00:00Z') },
      { scheduledTime: at('2026-11-20T13:00:00Z'), window: win('2026-11-20T12:00:00Z', '2026-11-20T13:00:00Z') },
    ]);
    const withOffsets = [...windowsBetween('cron(0 0 ? * * *)', at('2026-11-20T00:00:00Z'), at('2026-11-22T00:00:00Z'), { startOffset: '-P3D', endOffset: '-P2D' })];
    expect(withOffsets.map(w => w.window)).toEqual([
      win('2026-11-18T00:00:00Z', '2026-11-19T00:00:00Z'),
      win('2026-11-19T00:00:00Z', '2026-11-20T00:00:00Z'),
    ]);
  });
});

describe('ISO 8601 offsets and durations', () => {
  it.each([
    ['-PT1H', -3_600_000], ['-P2D', -172_800_000], ['-PT30M', -1_800_000], ['-P1DT12H', -129_600_000],
    ['-P1W', -604_800_000], ['-PT0H', 0], ['PT0S', 0],
  ])('parses %s', (text, ms) => expect(parseOffset(text)).toBe(ms));

  it.each([
    ['PT1H', /must be negative/], ['-P1M', /no fixed length/], ['-P1Y', /no fixed length/], ['-PT', /ISO 8601 duration/],
    ['-P', /ISO 8601 duration/], ['1h', /ISO 8601 duration/], ['-PT1.5H', /ISO 8601 duration/],
  ])('rejects %s', (text, reason) => expect(() => parseOffset(text)).toThrow(reason));

  it('parses delays written briefly or in ISO form', () => {
    expect(parseDuration('2d')).toBe(172_800_000);
    expect(parseDuration('90m')).toBe(5_400_000);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(parseDuration('PT36H')).toBe(129_600_000);
    expect(() => parseDuration('-2d')).toThrow(/must not be negative/);
    expect(() => parseDuration('soon')).toThrow(/Invalid time offset "soon"/);
  });
});
