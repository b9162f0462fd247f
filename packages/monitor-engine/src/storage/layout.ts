import { ObjectInfo, ObjectStore } from './ObjectStore';

/**
 * SageMaker Model Monitor's key layouts (reference §1.2, §1.4, §3.1), relative to a store root:
 *   capture       {endpoint}/{variant}/yyyy/mm/dd/HH/{MM}-{SS}-{mmm}-{uuid}.jsonl
 *   ground truth  yyyy/mm/dd/HH/{anything}.jsonl       (HH = hour the label was collected)
 *   reports       {endpoint}/{schedule}/yyyy/mm/dd/HH/  (HH = the scheduled hour)
 * All hours are UTC.
 */

const HOUR_MS = 3_600_000;

/** SageMaker's name rule for endpoints, variants and monitoring schedules. */
const SAGEMAKER_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;

/** Throws unless `value` is a valid SageMaker endpoint/variant/schedule name (so it is one key segment). */
export function assertSageMakerName(kind: string, value: string): void {
  if (!SAGEMAKER_NAME.test(value)) {
    throw new Error(
      `Invalid ${kind} name ${JSON.stringify(value)}: SageMaker names are 1-63 letters, digits ` +
        `and hyphens, starting and ending with a letter or digit`,
    );
  }
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

function assertValidDate(time: Date): void {
  if (Number.isNaN(time.getTime())) throw new Error('Invalid date passed to the storage layout');
}

/** The start of the UTC hour that contains `time`. */
export function floorToHour(time: Date): Date {
  assertValidDate(time);
  return new Date(Math.floor(time.getTime() / HOUR_MS) * HOUR_MS);
}

/** `yyyy/mm/dd/HH/` of the UTC hour containing `time`. */
export function hourFolder(time: Date): string {
  assertValidDate(time);
  return (
    `${pad(time.getUTCFullYear(), 4)}/${pad(time.getUTCMonth() + 1)}/` +
    `${pad(time.getUTCDate())}/${pad(time.getUTCHours())}/`
  );
}

/** Prefix of the capture files of one endpoint variant for the hour containing `time`. */
export function captureHourPrefix(endpoint: string, variant: string, time: Date): string {
  assertSageMakerName('endpoint', endpoint);
  assertSageMakerName('variant', variant);
  return `${endpoint}/${variant}/${hourFolder(time)}`;
}

/**
 * A capture file name as SageMaker writes it: `{MM}-{SS}-{mmm}-{uuid}.jsonl`, from the minute,
 * second and millisecond at which the file was started.
 */
export function captureFileName(fileTime: Date, uuid: string): string {
  assertValidDate(fileTime);
  if (!/^[0-9a-fA-F-]{1,64}$/.test(uuid)) throw new Error(`Invalid capture file id ${JSON.stringify(uuid)}`);
  return (
    `${pad(fileTime.getUTCMinutes())}-${pad(fileTime.getUTCSeconds())}-` +
    `${pad(fileTime.getUTCMilliseconds(), 3)}-${uuid}.jsonl`
  );
}

/** Full key of a capture file. */
export function captureFileKey(endpoint: string, variant: string, fileTime: Date, uuid: string): string {
  return captureHourPrefix(endpoint, variant, fileTime) + captureFileName(fileTime, uuid);
}

/** Prefix of the ground-truth files collected in the hour containing `time`. */
export function groundTruthHourPrefix(time: Date): string {
  return hourFolder(time);
}

/** Prefix of the reports of one execution of a schedule, by its scheduled time. */
export function reportPrefix(endpoint: string, schedule: string, scheduledTime: Date): string {
  assertSageMakerName('endpoint', endpoint);
  assertSageMakerName('monitoring schedule', schedule);
  return `${endpoint}/${schedule}/${hourFolder(scheduledTime)}`;
}

/** The UTC hour reported by a `…/yyyy/mm/dd/HH/…` key, or undefined if the key has no hour folder. */
export function hourOfKey(key: string): Date | undefined {
  const match = /(?:^|\/)(\d{4})\/(\d{2})\/(\d{2})\/(\d{2})\//.exec(key);
  if (!match) return undefined;
  const [, y, m, d, h] = match.map(Number);
  const time = new Date(Date.UTC(y, m - 1, d, h));
  // Reject impossible folders such as 2026/02/30 that Date.UTC would roll over.
  return hourFolder(time) === `${match[1]}/${match[2]}/${match[3]}/${match[4]}/` ? time : undefined;
}

/** A half-open time window [start, end). */
export interface TimeWindow {
  start: Date;
  end: Date;
}

/** Starts of the UTC hours whose folder overlaps [start, end), oldest first. */
export function hoursOverlapping(window: TimeWindow): Date[] {
  assertValidDate(window.start);
  assertValidDate(window.end);
  const hours: Date[] = [];
  for (
    let t = floorToHour(window.start).getTime();
    t < window.end.getTime();
    t += HOUR_MS
  ) {
    hours.push(new Date(t));
  }
  return hours;
}

async function* listHours(
  store: ObjectStore,
  prefixOfHour: (hour: Date) => string,
  window: TimeWindow,
): AsyncIterable<ObjectInfo> {
  // One listing per hour folder: the bucket may hold years of traffic.
  for (const hour of hoursOverlapping(window)) {
    yield* store.list(prefixOfHour(hour));
  }
}

/** Where to look for capture files, and for which window. */
export interface CaptureWindowQuery extends TimeWindow {
  endpoint: string;
  variant?: string;
  /** Prefix of the capture root inside the store ('' or ending in '/'). */
  rootPrefix?: string;
}

/**
 * The capture objects whose hour folder overlaps the window, in key order. Like SageMaker, this
 * may return records slightly outside the window (whole hours); filter on inferenceTime.
 */
export function listCaptureObjects(store: ObjectStore, query: CaptureWindowQuery): AsyncIterable<ObjectInfo> {
  const root = normaliseRootPrefix(query.rootPrefix);
  const variant = query.variant ?? 'AllTraffic';
  return listHours(store, hour => root + captureHourPrefix(query.endpoint, variant, hour), query);
}

/** The ground-truth objects whose (label collection) hour folder overlaps the window. */
export function listGroundTruthObjects(
  store: ObjectStore,
  query: TimeWindow & { rootPrefix?: string },
): AsyncIterable<ObjectInfo> {
  const root = normaliseRootPrefix(query.rootPrefix);
  return listHours(store, hour => root + groundTruthHourPrefix(hour), query);
}

function normaliseRootPrefix(prefix: string | undefined): string {
  if (!prefix) return '';
  return prefix.endsWith('/') ? prefix : `${prefix}/`;
}
