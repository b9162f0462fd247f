import { isScheduledTime, latestRunAtOrBefore, nextRunAfter, previousRunBefore, runTimesBetween } from './scheduleTimes';

const at = (iso: string) => new Date(iso);

describe('schedule run times', () => {
  it('finds the next hourly run strictly after a time', () => {
    expect(nextRunAfter('cron(0 * ? * * *)', at('2026-11-20T10:00:00Z'))).toEqual(at('2026-11-20T11:00:00Z'));
    expect(nextRunAfter('cron(0 * ? * * *)', at('2026-11-20T10:59:59.999Z'))).toEqual(at('2026-11-20T11:00:00Z'));
    expect(nextRunAfter('cron(0 * ? * * *)', at('2026-12-31T23:30:00Z'))).toEqual(at('2027-01-01T00:00:00Z'));
  });

  it('finds daily and every-N-hours runs across midnight', () => {
    expect(nextRunAfter('cron(0 5 ? * * *)', at('2026-11-20T05:00:00Z'))).toEqual(at('2026-11-21T05:00:00Z'));
    expect(nextRunAfter('cron(0 17/12 ? * * *)', at('2026-11-20T17:00:00Z'))).toEqual(at('2026-11-21T05:00:00Z'));
    expect(previousRunBefore('cron(0 0/6 ? * * *)', at('2026-11-20T00:00:00Z'))).toEqual(at('2026-11-19T18:00:00Z'));
    expect(latestRunAtOrBefore('cron(0 0/6 ? * * *)', at('2026-11-20T06:00:00Z'))).toEqual(at('2026-11-20T06:00:00Z'));
    expect(latestRunAtOrBefore('cron(0 0/6 ? * * *)', at('2026-11-20T11:59:00Z'))).toEqual(at('2026-11-20T06:00:00Z'));
  });

  it('knows which instants are run times', () => {
    expect(isScheduledTime('cron(0 0/6 ? * * *)', at('2026-11-20T12:00:00Z'))).toBe(true);
    expect(isScheduledTime('cron(0 0/6 ? * * *)', at('2026-11-20T13:00:00Z'))).toBe(false);
    expect(isScheduledTime('cron(0 * ? * * *)', at('2026-11-20T13:00:01Z'))).toBe(false);
  });

  it('never recurs for NOW', () => {
    expect(nextRunAfter('NOW', at('2026-11-20T10:00:00Z'))).toBeUndefined();
    expect(() => [...runTimesBetween('NOW', at('2026-11-20T10:00:00Z'), at('2026-11-21T10:00:00Z'))]).toThrow(/runs once/);
  });

  it('enumerates run times in (from, to]', () => {
    expect([...runTimesBetween('cron(0 0/6 ? * * *)', at('2026-11-20T00:00:00Z'), at('2026-11-21T00:00:00Z'))]).toEqual([
      at('2026-11-20T06:00:00Z'), at('2026-11-20T12:00:00Z'), at('2026-11-20T18:00:00Z'), at('2026-11-21T00:00:00Z'),
    ]);
    expect([...runTimesBetween('cron(0 * ? * * *)', at('2026-11-20T00:00:00Z'), at('2026-11-30T00:00:00Z'))]).toHaveLength(240);
  });
});
