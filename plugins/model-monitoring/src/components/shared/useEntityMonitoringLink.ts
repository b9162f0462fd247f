import { useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
  useEntity,
} from '@backstage/plugin-catalog-react';

/** Path of the current entity's "Monitoring" tab, or undefined outside a catalog app. */
export function useEntityMonitoringLink(): string | undefined {
  const { entity } = useEntity();
  try {
    // Throws when the catalog's entity route is not mounted (e.g. a card in a custom page);
    // then there is no link rather than a crash. The hook order is the same on every render.
    // eslint-disable-next-line react-hooks/rules-of-hooks
    const entityRoute = useRouteRef(entityRouteRef);
    return `${entityRoute(entityRouteParams(entity))}/monitoring`;
  } catch {
    return undefined;
  }
}
