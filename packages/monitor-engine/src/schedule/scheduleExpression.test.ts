import { parseScheduleExpression, scheduleExpressions, ScheduleExpressionError } from './scheduleExpression';

describe('SageMaker schedule expressions', () => {
  it.each([
    ['cron(0 * ? * * *)', 'cron(0 * ? * * *)', Array.from({ length: 24 }, (_, h) => h)],
    ['cron(0 12 ? * * *)', 'cron(0 12 ? * * *)', [12]],
    ['cron(0 00 ? * * *)', 'cron(0 00 ? * * *)', [0]],
    ['cron(0 0/6 ? * * *)', 'cron(0 0/6 ? * * *)', [0, 6, 12, 18]],
    ['cron(0 17/12 ? * * *)', 'cron(0 17/12 ? * * *)', [5, 17]],
    ['cron(0 0/2 ? * * *)', 'cron(0 0/2 ? * * *)', [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22]],
    ['cron(0 3/24 ? * * *)', 'cron(0 3/24 ? * * *)', [3]],
    ['  cron( 0  * ? * * * )  ', 'cron(0 * ? * * *)', Array.from({ length: 24 }, (_, h) => h)],
    ['hourly', 'cron(0 * ? * * *)', Array.from({ length: 24 }, (_, h) => h)],
    ['daily', 'cron(0 0 ? * * *)', [0]],
  ])('accepts %j', (input, expression, hours) => {
    expect(parseScheduleExpression(input)).toEqual({ kind: 'cron', expression, hours });
  });

  it('accepts NOW for a one-off run', () => {
    expect(parseScheduleExpression('NOW')).toEqual({ kind: 'now', expression: 'NOW' });
  });

  it.each([
    ['cron(5 * ? * * *)', /minutes must be 0/],
    ['cron(0 24 ? * * *)', /hour must be 0-23/],
    ['cron(0 0/25 ? * * *)', /interval must be 1-24/],
    ['cron(0 0/0 ? * * *)', /interval must be 1-24/],
    ['cron(0 */6 ? * * *)', /H\/N with a start hour/],
    ['cron(0 * * * ? *)', /"\? \* \* \*"/],
    ['cron(0 * ? * MON *)', /"\? \* \* \*"/],
    ['cron(0 * ? * *)', /6 fields/],
    ['rate(1 hour)', /expected cron\(0 \* \? \* \* \*\)/],
    ['now', /expected cron/],
  ])('rejects %j with a clear reason', (input, reason) => {
    expect(() => parseScheduleExpression(input)).toThrow(ScheduleExpressionError);
    expect(() => parseScheduleExpression(input)).toThrow(reason);
  });

  it('builds the expressions the SageMaker SDK builds', () => {
    expect(scheduleExpressions.hourly()).toBe('cron(0 * ? * * *)');
    expect(scheduleExpressions.daily()).toBe('cron(0 0 ? * * *)');
    expect(scheduleExpressions.daily(17)).toBe('cron(0 17 ? * * *)');
    expect(scheduleExpressions.dailyEveryXHours(6, 1)).toBe('cron(0 1/6 ? * * *)');
    expect(scheduleExpressions.now()).toBe('NOW');
    expect(() => scheduleExpressions.daily(24)).toThrow(/hour must be 0-23/);
  });
});
