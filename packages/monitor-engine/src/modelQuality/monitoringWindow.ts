import { parseOffset } from '../schedule/isoOffset';
import { hoursOverlapping, TimeWindow } from '../storage/layout';

/**
 * Which data one model-quality execution reads.
 *
 * Predictions: inference times in [start, end). Either given directly, or as SageMaker's
 * StartTimeOffset/EndTimeOffset (`-P2D`, `-PT1H`) applied to the scheduled time, so that an
 * execution at S with -P2D/-P1D judges the predictions of [S−2d, S−1d), whose labels had at
 * least a day to arrive.
 *
 * Labels: ground-truth hour folders (the hour a label was collected) from `start` up to
 * `groundTruthUntil` (default: the scheduled time, else `end`), since a label is collected
 * after its prediction.
 *
 * Id look-up: labels without a prediction in the window are classified (earlier window, later
 * window, unknown id) by looking their id up in the capture folders of [start − lookback, start)
 * and [end, groundTruthUntil); lookback defaults to groundTruthUntil − end, the label delay the
 * schedule allows for.
 */
export interface MonitoringWindowInput {
  start?: Date;
  end?: Date;
  scheduledTime?: Date;
  startOffset?: string;
  endOffset?: string;
  groundTruthUntil?: Date;
  /** Milliseconds; see above. */
  labelLookback?: number;
}

export interface MonitoringWindow {
  window: TimeWindow;
  scheduledTime: Date;
  groundTruth: TimeWindow;
  /** Capture hour folders outside the window read only for their ids. */
  lookupHours: Date[];
}

function checkDate(name: string, date: Date | undefined): void {
  if (date && Number.isNaN(date.getTime())) throw new Error(`${name} is not a valid date`);
}

export function resolveMonitoringWindow(input: MonitoringWindowInput): MonitoringWindow {
  for (const key of ['start', 'end', 'scheduledTime', 'groundTruthUntil'] as const) {
    checkDate(key, input[key]);
  }
  const usesOffsets = input.startOffset !== undefined || input.endOffset !== undefined;
  let start = input.start;
  let end = input.end;
  if (usesOffsets) {
    if (!input.scheduledTime) throw new Error('Start/end offsets need the scheduled time they apply to');
    const s = input.scheduledTime.getTime();
    if (input.startOffset !== undefined) start = new Date(s + parseOffset(input.startOffset));
    end = new Date(s + (input.endOffset !== undefined ? parseOffset(input.endOffset) : 0));
  }
  if (!start || !end) {
    throw new Error('The window needs a start and an end, or a scheduled time with offsets');
  }
  if (start.getTime() >= end.getTime()) {
    throw new Error(`The window is empty: start ${start.toISOString()} is not before end ${end.toISOString()}`);
  }
  const scheduledTime = input.scheduledTime ?? end;
  const until = input.groundTruthUntil ?? new Date(Math.max(scheduledTime.getTime(), end.getTime()));
  if (until.getTime() < end.getTime()) {
    throw new Error('groundTruthUntil must not be before the end of the window');
  }
  const lookback = input.labelLookback ?? until.getTime() - end.getTime();
  const windowHours = new Set(hoursOverlapping({ start, end }).map(h => h.getTime()));
  const lookupHours = hoursOverlapping({ start: new Date(start.getTime() - lookback), end: until }).filter(
    hour => !windowHours.has(hour.getTime()),
  );
  return {
    window: { start, end },
    scheduledTime,
    groundTruth: { start, end: until },
    lookupHours,
  };
}
