import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteParams, entityRouteRef, useEntity } from '@backstage/plugin-catalog-react';

/** Path of the current entity's "Monitoring" tab, or undefined outside a catalog app. */
export function useEntityMonitoringLink(): string | undefined {
  const { entity } = useEntity();
  let entityRoute: ((params: Record<string, string>) => string) | undefined;
  try {
    // eslint-disable-next-line react-hooks/rules-of-hooks
    entityRoute = useRouteRef(entityRouteRef);
  } catch {
    // Not mounted (e.g. a standalone card in a custom page): no link rather than a crash.
    return undefined;
  }
  return entityRoute ? `${entityRoute(entityRouteParams(entity))}/monitoring` : undefined;
}
