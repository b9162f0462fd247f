import type { AuthService, DiscoveryService, LoggerService } from '@backstage/backend-plugin-api';

const HOUR_MS = 3_600_000;

export interface DemoSchedule {
  entityRef: string;
  scheduleName: string;
}

export interface DemoBackfillDeps {
  auth: AuthService;
  discovery: DiscoveryService;
  logger: LoggerService;
  fetch?: typeof fetch;
  /** Pause between attempts while the catalog has not read the demo entities yet. */
  retryDelayMs?: number;
  attempts?: number;
}

/**
 * Asks the backend to run the demo's history: the scheduler itself starts a new model at its
 * newest window, so the days before are backfilled once through POST /runs (windows already
 * executed are skipped, which makes this safe at every start). Retries while the catalog has not
 * read the demo entities yet (404).
 */
export async function backfillDemoHistory(
  schedules: DemoSchedule[],
  from: Date,
  to: Date,
  deps: DemoBackfillDeps,
): Promise<number> {
  const doFetch = deps.fetch ?? fetch;
  const baseUrl = await deps.discovery.getBaseUrl('model-monitoring');
  let queued = 0;
  for (const { entityRef, scheduleName } of schedules) {
    const [kind, rest] = entityRef.split(':');
    const [namespace, name] = rest.split('/');
    const url = `${baseUrl}/entities/${encodeURIComponent(namespace)}/${encodeURIComponent(kind)}/${encodeURIComponent(name)}/runs`;
    for (let attempt = 1; ; attempt++) {
      const { token } = await deps.auth.getPluginRequestToken({
        onBehalfOf: await deps.auth.getOwnServiceCredentials(),
        targetPluginId: 'model-monitoring',
      });
      const response = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          scheduleName,
          backfill: { from: new Date(from.getTime() - HOUR_MS).toISOString(), to: to.toISOString() },
        }),
      });
      if (response.ok) {
        const body = (await response.json()) as { windowsQueued: number };
        queued += body.windowsQueued;
        break;
      }
      const text = await response.text();
      if (response.status === 404 && attempt < (deps.attempts ?? 60)) {
        await new Promise(resolve => setTimeout(resolve, deps.retryDelayMs ?? 5000));
        continue;
      }
      deps.logger.warn(`Demo backfill of ${entityRef} ${scheduleName} failed: ${response.status} ${text}`);
      break;
    }
  }
  return queued;
}
