import { createRouteRef } from '@backstage/core-plugin-api';

/** The overview page, for apps on the legacy frontend system. */
export const rootRouteRef = createRouteRef({ id: 'model-monitoring' });
