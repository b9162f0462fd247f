import type { SourceError } from '@mlmon/plugin-model-monitoring-common';

interface AwsLikeError {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'ThrottledException',
  'RequestLimitExceeded',
  'SlowDown',
  'LimitExceededException',
]);
const DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation', 'ExpiredTokenException', 'InvalidClientTokenId']);
const MISSING = new Set(['ResourceNotFound', 'ResourceNotFoundException', 'NoSuchKey', 'NotFound', 'NoSuchBucket']);
const TIMEOUT = new Set(['TimeoutError', 'AbortError', 'RequestTimeout', 'RequestTimeoutException']);

/** An AWS failure of a whole route, with the status api.ts promises (502 failed, 503 throttled, 504 timed out). */
export class AwsSourceFailure extends Error {
  readonly statusCode: number;
  constructor(message: string, statusCode: number, readonly cause?: unknown) {
    super(message);
    this.name = 'AwsSourceFailure';
    this.statusCode = statusCode;
  }
}

/** The HTTP status a card would have had for this AWS error. */
export function statusOfAwsError(error: unknown): SourceError['code'] {
  if (error instanceof AwsSourceFailure) return error.statusCode === 504 ? 504 : 502;
  const e = (error ?? {}) as AwsLikeError;
  const name = e.name ?? '';
  const status = e.$metadata?.httpStatusCode;
  if (THROTTLING.has(name) || status === 429) return 429;
  if (DENIED.has(name) || status === 403) return 403;
  if (MISSING.has(name) || status === 404) return 404;
  if (TIMEOUT.has(name) || /timed? ?out/i.test(e.message ?? '')) return 504;
  if (name === 'ValidationException' && /not found|does not exist|could not find/i.test(e.message ?? '')) return 404;
  if (status === 503) return 503;
  return 502;
}

const HINTS: Partial<Record<SourceError['code'], string>> = {
  429: ' (throttled by AWS after retries; try again shortly)',
  403: ' (the backend role lacks the permission)',
  504: ' (timed out)',
};

/** One card's error: which source failed and why, in words a model owner can act on. */
export function awsSourceError(source: string, what: string, error: unknown): SourceError {
  const code = statusOfAwsError(error);
  const reason = (error as AwsLikeError)?.message || (error as AwsLikeError)?.name || String(error);
  const hint = HINTS[code] ?? '';
  return { source, code, message: `${what}: ${reason}${hint}` };
}

/** True for errors thrown by an AWS SDK client (they carry `$metadata`) or its abort signal. */
export function isAwsError(error: unknown): boolean {
  const e = error as { $metadata?: unknown; name?: string } | undefined;
  return Boolean(e && (e.$metadata !== undefined || e.name === 'TimeoutError' || e.name === 'AbortError'));
}

// A whole route answers 404, 503 (throttled or unavailable), 504 or else 502.
const ROUTE_STATUS: Partial<Record<SourceError['code'], number>> = { 404: 404, 429: 503, 503: 503, 504: 504 };

/** Maps an AWS SDK error to an error the backend's error middleware turns into the right status. */
export function toRouteError(error: unknown): unknown {
  if (!isAwsError(error)) return error;
  const code = statusOfAwsError(error);
  const status = ROUTE_STATUS[code] ?? 502;
  const { message } = awsSourceError('aws', 'AWS request failed', error);
  return new AwsSourceFailure(message, status, error);
}
