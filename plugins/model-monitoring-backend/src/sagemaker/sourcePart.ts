import type { SourceError } from '@mlmon/plugin-model-monitoring-common';
import { awsSourceError } from './awsErrors';

/**
 * Runs one part of a SageMaker answer; on failure records a per-card error (which source, the
 * status it would have had, why) and yields the fallback, so the other parts still answer.
 */
export async function sourcePart<T>(errors: SourceError[], source: string, what: string, fallback: T, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    errors.push(awsSourceError(source, what, error));
    return fallback;
  }
}
