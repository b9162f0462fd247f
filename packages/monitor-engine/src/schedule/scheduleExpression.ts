/**
 * SageMaker Model Monitor schedule expressions (ScheduleConfig.ScheduleExpression). SageMaker
 * accepts only these forms (API reference, "The cron expression for monitoring schedule"):
 *   cron(0 * ? * * *)                 hourly
 *   cron(0 [00-23] ? * * *)           daily at that hour (UTC)
 *   cron(0 [00-23]/[01-24] ? * * *)   every N hours from hour H, e.g. cron(0 17/12 ? * * *)
 *   NOW                               one run, immediately
 * For convenience `hourly` and `daily` are accepted as aliases and normalised to the cron form.
 */

export class ScheduleExpressionError extends Error {
  constructor(readonly expression: string, reason: string) {
    super(`Invalid schedule expression ${JSON.stringify(expression)}: ${reason}`);
    this.name = 'ScheduleExpressionError';
  }
}

/** A recurring schedule: runs at minute 0 of the listed UTC hours, every day. */
export interface CronSchedule {
  kind: 'cron';
  /** The normalised SageMaker expression, e.g. `cron(0 * ? * * *)`. */
  expression: string;
  /** The UTC hours (0-23) at which it runs, ascending. */
  hours: number[];
}

/** A one-off schedule that runs once, when it is created. */
export interface NowSchedule {
  kind: 'now';
  expression: 'NOW';
}

export type ScheduleExpression = CronSchedule | NowSchedule;

/** Builders for the expressions SageMaker accepts, like the Python SDK's CronExpressionGenerator. */
export const scheduleExpressions = {
  hourly: (): string => 'cron(0 * ? * * *)',
  daily: (hour = 0): string => `cron(0 ${checkHour(String(hour), String(hour))} ? * * *)`,
  dailyEveryXHours: (hourInterval: number, startingHour = 0): string =>
    `cron(0 ${checkHour(String(startingHour), String(startingHour))}/${checkInterval(String(hourInterval), String(hourInterval))} ? * * *)`,
  now: (): 'NOW' => 'NOW',
};

const HOUR = /^\d{1,2}$/;

function checkHour(text: string, expression: string): number {
  const hour = Number(text);
  if (!HOUR.test(text) || hour > 23) {
    throw new ScheduleExpressionError(expression, `the hour must be 0-23 (or 00-23), got ${JSON.stringify(text)}`);
  }
  return hour;
}

function checkInterval(text: string, expression: string): number {
  const interval = Number(text);
  if (!HOUR.test(text) || interval < 1 || interval > 24) {
    throw new ScheduleExpressionError(
      expression,
      `the hour interval must be 1-24 (or 01-24), got ${JSON.stringify(text)}`,
    );
  }
  return interval;
}

/**
 * Hours of `H/N`. SageMaker documents `cron(0 17/12 ? * * *)` as "every 12 hours, starting at
 * 5 PM", i.e. 05:00 and 17:00, so the hours are those congruent to H modulo N (plain Quartz
 * semantics would run only at 17:00).
 */
function everyNHours(start: number, interval: number): number[] {
  const hours: number[] = [];
  for (let hour = 0; hour < 24; hour++) {
    if ((((hour - start) % interval) + interval) % interval === 0) hours.push(hour);
  }
  return hours;
}

/** Parses and validates an expression with SageMaker's rules; errors say what to write instead. */
export function parseScheduleExpression(input: string): ScheduleExpression {
  const expression = input.trim();
  if (expression === 'NOW') return { kind: 'now', expression: 'NOW' };
  if (expression.toLowerCase() === 'hourly') return parseScheduleExpression(scheduleExpressions.hourly());
  if (expression.toLowerCase() === 'daily') return parseScheduleExpression(scheduleExpressions.daily());

  const match = /^cron\((.*)\)$/.exec(expression);
  if (!match) {
    throw new ScheduleExpressionError(
      input,
      'expected cron(0 * ? * * *), cron(0 H ? * * *), cron(0 H/N ? * * *) or NOW',
    );
  }
  const fields = match[1].trim().split(/\s+/);
  if (fields.length !== 6) {
    throw new ScheduleExpressionError(
      input,
      `a cron expression has 6 fields (minutes hours day-of-month month day-of-week year), got ${fields.length}`,
    );
  }
  const [minutes, hoursField, dayOfMonth, month, dayOfWeek, year] = fields;
  if (minutes !== '0') {
    throw new ScheduleExpressionError(input, 'SageMaker runs monitoring at the start of the hour: minutes must be 0');
  }
  if (dayOfMonth !== '?' || month !== '*' || dayOfWeek !== '*' || year !== '*') {
    throw new ScheduleExpressionError(
      input,
      'SageMaker supports hourly, daily and every-N-hours schedules only: the last four fields must be "? * * *"',
    );
  }

  let hours: number[];
  let normalisedHours: string;
  if (hoursField === '*') {
    hours = everyNHours(0, 1);
    normalisedHours = '*';
  } else if (hoursField.includes('/')) {
    const [startText, intervalText, ...rest] = hoursField.split('/');
    if (rest.length > 0 || startText === '*') {
      throw new ScheduleExpressionError(input, 'write every-N-hours schedules as H/N with a start hour, e.g. 0/6');
    }
    const start = checkHour(startText, input);
    const interval = checkInterval(intervalText, input);
    hours = everyNHours(start, interval);
    normalisedHours = `${startText}/${intervalText}`;
  } else {
    hours = [checkHour(hoursField, input)];
    normalisedHours = hoursField;
  }
  return { kind: 'cron', expression: `cron(0 ${normalisedHours} ? * * *)`, hours };
}
