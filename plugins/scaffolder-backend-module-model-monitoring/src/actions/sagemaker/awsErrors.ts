import { ConflictError, InputError } from '@backstage/errors';

interface AwsLikeError {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

const THROTTLING = new Set(['ThrottlingException', 'Throttling', 'TooManyRequestsException', 'RequestLimitExceeded', 'SlowDown']);
const DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'AuthorizationError', 'UnauthorizedOperation', 'ExpiredTokenException', 'InvalidClientTokenId']);
const IN_USE = new Set(['ResourceInUse', 'ResourceInUseException', 'ConcurrentModificationException', 'ConflictException']);

/** An onboarding step that failed on AWS; the message names the step, the call and what to do. */
export class OnboardingStepError extends Error {
  constructor(readonly step: string, readonly operation: string, readonly cause: unknown) {
    super(`${step}: ${operation} failed: ${describe(cause)}${hint(cause)}`);
    this.name = 'OnboardingStepError';
  }
}

function describe(error: unknown): string {
  const e = (error ?? {}) as AwsLikeError;
  const name = e.name && e.name !== 'Error' ? `${e.name}: ` : '';
  return `${name}${e.message ?? String(error)}`;
}

function hint(error: unknown): string {
  const e = (error ?? {}) as AwsLikeError;
  const name = e.name ?? '';
  const status = e.$metadata?.httpStatusCode;
  if (THROTTLING.has(name) || status === 429) {
    return ' (throttled by AWS after retries; running the task again is safe)';
  }
  if (DENIED.has(name) || status === 403) {
    return ' (the credentials the portal uses for this account lack the permission; see aws.accounts in app-config)';
  }
  if (IN_USE.has(name)) {
    return ' (the resource is being changed by someone else; run the task again when it is done)';
  }
  if (name === 'CredentialsProviderError') {
    return ' (no AWS credentials for this account; configure aws.accounts or aws.mainAccount in app-config)';
  }
  return '';
}

/** True when a Describe/Get call failed because the resource does not exist. */
export function isNotFound(error: unknown): boolean {
  const e = (error ?? {}) as AwsLikeError;
  const name = e.name ?? '';
  if (['ResourceNotFound', 'ResourceNotFoundException', 'NotFound', 'NoSuchKey', 'NotFoundException'].includes(name)) {
    return true;
  }
  if (e.$metadata?.httpStatusCode === 404 && name !== 'NoSuchBucket') return true;
  // SageMaker answers Describe* of a missing endpoint (config) or job with a ValidationException,
  // Athena a missing table with a MetadataException.
  return (
    (name === 'ValidationException' || name === 'MetadataException' || name === 'EntityNotFoundException') &&
    /could not find|does not exist|not found/i.test(e.message ?? '')
  );
}

/**
 * Runs one AWS call of a step. AWS failures become an {@link OnboardingStepError} naming the
 * step and the operation; the project's own input and conflict errors pass through unchanged.
 */
export async function awsCall<T>(step: string, operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof InputError || error instanceof ConflictError || error instanceof OnboardingStepError) {
      throw error;
    }
    throw new OnboardingStepError(step, operation, error);
  }
}

/** Like {@link awsCall} for Describe/Get calls: undefined when the resource does not exist. */
export async function awsDescribe<T>(step: string, operation: string, call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw new OnboardingStepError(step, operation, error);
  }
}
