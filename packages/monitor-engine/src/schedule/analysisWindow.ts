import { TimeWindow } from '../storage/layout';
import { parseOffset } from './isoOffset';
import { parseScheduleExpression, ScheduleExpression } from './scheduleExpression';
import { isScheduledTime, previousRunBefore, runTimesBetween } from './scheduleTimes';

/**
 * The data window of one execution, as SageMaker computes it.
 *
 * Without offsets, an execution scheduled at S analyses the data since the previous scheduled run:
 * [previous run, S). Hourly at 13:00 covers [12:00, 13:00); daily covers the 24 hours before S;
 * `cron(0 17/12 ? * * *)` at 17:00 covers [05:00, 17:00).
 *
 * Offsets move either bound relative to the scheduled time S (not relative to the default bound):
 * SageMaker's model-quality example, StartTimeOffset -P8D and EndTimeOffset -P1D for a job
 * scheduled at 2020-01-09T13:00, analyses 2020-01-01T13:00 to 2020-01-08T13:00. The same rule
 * applies to ScheduleConfig.DataAnalysisStartTime/EndTime, for which SageMaker additionally
 * requires the window to be at most 24 hours long, and which NOW schedules must set.
 */
export interface WindowOffsets {
  /** e.g. `-PT1H`, `-P8D`; StartTimeOffset / DataAnalysisStartTime. */
  startOffset?: string;
  /** e.g. `-P1D`; EndTimeOffset / DataAnalysisEndTime. */
  endOffset?: string;
  /**
   * 'scheduleConfig' for ScheduleConfig.DataAnalysisStartTime/EndTime (at most 24 hours apart);
   * 'jobInput' (default) for the model-quality/bias StartTimeOffset/EndTimeOffset (no such limit).
   */
  source?: 'scheduleConfig' | 'jobInput';
}

export class AnalysisWindowError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnalysisWindowError';
  }
}

const DAY_MS = 86_400_000;

function resolve(schedule: ScheduleExpression | string): ScheduleExpression {
  return typeof schedule === 'string' ? parseScheduleExpression(schedule) : schedule;
}

/**
 * The window analysed by the execution scheduled at `scheduledTime` (for NOW: the moment the
 * one-off execution was created). Throws when `scheduledTime` is not a run time of the schedule,
 * when offsets are malformed, or when they produce an empty or (for scheduleConfig) over-long window.
 */
export function analysisWindow(
  schedule: ScheduleExpression | string,
  scheduledTime: Date,
  offsets: WindowOffsets = {},
): TimeWindow {
  const s = resolve(schedule);
  if (Number.isNaN(scheduledTime.getTime())) throw new AnalysisWindowError('The scheduled time is not a valid date');
  const S = scheduledTime.getTime();

  let start: number;
  let end: number;
  if (s.kind === 'now') {
    if (offsets.startOffset === undefined || offsets.endOffset === undefined) {
      throw new AnalysisWindowError(
        'A NOW schedule needs both a start and an end offset (DataAnalysisStartTime/EndTime), e.g. -PT1H and -PT0H',
      );
    }
    start = S + parseOffset(offsets.startOffset);
    end = S + parseOffset(offsets.endOffset);
  } else {
    if (!isScheduledTime(s, scheduledTime)) {
      throw new AnalysisWindowError(
        `${scheduledTime.toISOString()} is not a run time of ${s.expression} (runs at minute 0 of UTC hours ${s.hours.join(', ')})`,
      );
    }
    const previous = previousRunBefore(s, scheduledTime)!.getTime();
    start = offsets.startOffset !== undefined ? S + parseOffset(offsets.startOffset) : previous;
    end = offsets.endOffset !== undefined ? S + parseOffset(offsets.endOffset) : S;
  }

  if (start >= end) {
    throw new AnalysisWindowError(
      `The analysis window is empty: start ${new Date(start).toISOString()} is not before end ${new Date(end).toISOString()} ` +
        `(start offset ${offsets.startOffset ?? 'default'}, end offset ${offsets.endOffset ?? 'default'})`,
    );
  }
  if (offsets.source === 'scheduleConfig' && end - start > DAY_MS) {
    throw new AnalysisWindowError(
      'DataAnalysisStartTime and DataAnalysisEndTime must be at most 24 hours apart',
    );
  }
  return { start: new Date(start), end: new Date(end) };
}

/** One execution of a backfill: when it is (nominally) scheduled and the data it analyses. */
export interface ScheduledWindow {
  scheduledTime: Date;
  window: TimeWindow;
}

/**
 * Every execution with a scheduled time in (from, to], oldest first, with its window. For an
 * hourly schedule without offsets and whole-hour bounds, the windows tile [from, to) exactly.
 */
export function* windowsBetween(
  schedule: ScheduleExpression | string,
  from: Date,
  to: Date,
  offsets: WindowOffsets = {},
): Generator<ScheduledWindow> {
  const s = resolve(schedule);
  for (const scheduledTime of runTimesBetween(s, from, to)) {
    yield { scheduledTime, window: analysisWindow(s, scheduledTime, offsets) };
  }
}
