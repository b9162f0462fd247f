import { parseScheduleExpression, ScheduleExpression } from './scheduleExpression';

/** Scheduled (nominal) run times of a schedule; actual runs start 0-20 minutes later on SageMaker. */

const HOUR_MS = 3_600_000;

function resolve(schedule: ScheduleExpression | string): ScheduleExpression {
  return typeof schedule === 'string' ? parseScheduleExpression(schedule) : schedule;
}

function assertDate(time: Date, what: string): void {
  if (!(time instanceof Date) || Number.isNaN(time.getTime())) throw new Error(`${what} is not a valid date`);
}

/** True when `time` is exactly one of the schedule's run times (minute 0 of a listed hour). */
export function isScheduledTime(schedule: ScheduleExpression | string, time: Date): boolean {
  const s = resolve(schedule);
  assertDate(time, 'The time');
  if (s.kind === 'now') return false;
  return time.getTime() % HOUR_MS === 0 && s.hours.includes(time.getUTCHours());
}

/**
 * The first run time strictly after `after`; undefined for NOW, which never recurs (its single
 * run time is the moment it was created).
 */
export function nextRunAfter(schedule: ScheduleExpression | string, after: Date): Date | undefined {
  const s = resolve(schedule);
  assertDate(after, 'The start time');
  if (s.kind === 'now') return undefined;
  let t = Math.floor(after.getTime() / HOUR_MS) * HOUR_MS + HOUR_MS;
  // Every cron schedule runs at least once a day, so 24 steps always find the next run.
  for (let i = 0; i < 24; i++, t += HOUR_MS) {
    if (s.hours.includes(new Date(t).getUTCHours())) return new Date(t);
  }
  throw new Error(`Schedule ${s.expression} has no run hours`);
}

/** The last run time strictly before `before` (the previous execution of a cron schedule). */
export function previousRunBefore(schedule: ScheduleExpression | string, before: Date): Date | undefined {
  const s = resolve(schedule);
  assertDate(before, 'The time');
  if (s.kind === 'now') return undefined;
  let t = Math.ceil(before.getTime() / HOUR_MS) * HOUR_MS - HOUR_MS;
  for (let i = 0; i < 24; i++, t -= HOUR_MS) {
    if (s.hours.includes(new Date(t).getUTCHours())) return new Date(t);
  }
  throw new Error(`Schedule ${s.expression} has no run hours`);
}

/** The latest run time at or before `time` (the execution a scheduler should have started by then). */
export function latestRunAtOrBefore(schedule: ScheduleExpression | string, time: Date): Date | undefined {
  return isScheduledTime(schedule, time) ? new Date(time.getTime()) : previousRunBefore(schedule, time);
}

/** Run times in (from, to], oldest first; lazily, so long backfills stay cheap. */
export function* runTimesBetween(
  schedule: ScheduleExpression | string,
  from: Date,
  to: Date,
): Generator<Date> {
  const s = resolve(schedule);
  assertDate(from, 'The backfill start');
  assertDate(to, 'The backfill end');
  if (s.kind === 'now') throw new Error('A NOW schedule runs once; it has no run times to enumerate');
  for (let t = nextRunAfter(s, from); t && t.getTime() <= to.getTime(); t = nextRunAfter(s, t)) {
    yield t;
  }
}
