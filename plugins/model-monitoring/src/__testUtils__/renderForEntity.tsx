import type { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { ReactElement } from 'react';
import { ModelMonitoringApi, modelMonitoringApiRef } from '../api';
import { monitoredEntity } from './fixtures';

/** A request that never answers, to see the loading state. */
export const pending = () => new Promise<never>(() => {});

/**
 * Renders a card inside a test app with the given backend answers and entity. Permissions
 * allow everything, as for an owner; a test nests its own permission API to refuse.
 */
export function renderForEntity(
  element: ReactElement,
  api: Partial<ModelMonitoringApi>,
  entity: Entity = monitoredEntity,
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [modelMonitoringApiRef, api],
        [permissionApiRef, mockApis.permission()],
      ]}
    >
      <EntityProvider entity={entity}>{element}</EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

/** A ResponseError as the backend sends it. */
export async function backendError(statusCode: number, message: string) {
  const { ResponseError } = await import('@backstage/errors');
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: {
          name: statusCode === 403 ? 'NotAllowedError' : 'Error',
          message,
        },
        response: { statusCode },
      }),
      { status: statusCode, headers: { 'content-type': 'application/json' } },
    ),
  );
}
