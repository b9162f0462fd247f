import type { LoggerService } from '@backstage/backend-plugin-api';
import type { OnboardingClients } from './onboardingClients';

/** What every onboarding step gets. */
export interface StepContext {
  clients: OnboardingClients;
  logger: LoggerService;
  /** Dry run: only Describe/List/Get/Head calls; say what would be created. */
  dryRun: boolean;
  /** Pause between two status polls, in milliseconds. */
  pollMs: number;
}

/**
 * Polls `check` until it reports done, at most `timeoutMs`. Long AWS operations (an endpoint
 * update, a baselining job) keep running when this gives up, and every step describes before it
 * creates, so the error says that running the task again is safe: it resumes waiting.
 */
export async function waitFor<T>(
  what: string,
  timeoutMs: number,
  pollMs: number,
  check: () => Promise<{ done: boolean; status: string; value: T }>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await check();
    if (state.done) return state.value;
    if (Date.now() + pollMs > deadline) {
      throw new Error(
        `${what} is still ${state.status} after ${Math.round(timeoutMs / 60_000)} minute(s); ` +
          'it goes on in AWS, and running the task again is safe: it picks up where this one stopped',
      );
    }
    await new Promise(resolve => setTimeout(resolve, pollMs));
  }
}
