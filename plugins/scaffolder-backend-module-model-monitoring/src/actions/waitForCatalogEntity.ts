import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * Waits until the catalog has the entity, reading it with the task initiator's credentials.
 * The onboarded-model entity provider reads the onboarding records every few seconds, so an
 * entity appears shortly after its record is written. False when the time is up.
 */
export async function waitForCatalogEntity(
  catalog: CatalogService,
  entityRef: string,
  credentials: BackstageCredentials,
  timeoutMs: number,
  pollMs = 2000,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await catalog.getEntityByRef(entityRef, { credentials })) return true;
    if (Date.now() + pollMs > deadline) return false;
    await new Promise(resolve => setTimeout(resolve, pollMs));
  }
}
