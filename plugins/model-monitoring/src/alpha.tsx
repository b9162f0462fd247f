import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { ApiBlueprint, createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isModelMonitoringAvailable } from '@mlmon/plugin-model-monitoring-common';
import { modelMonitoringApiRef, ModelMonitoringClient } from './api';

/** The API client, for the new frontend system. */
const modelMonitoringApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: modelMonitoringApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new ModelMonitoringClient(deps),
    }),
});

/** The status card, shown only on entities that carry the endpoint annotation. */
const entityStatusCard = EntityCardBlueprint.make({
  name: 'status',
  params: {
    filter: isModelMonitoringAvailable,
    // Beside "About", so a model's health is seen without scrolling.
    type: 'info',
    loader: () =>
      import('./components/ModelMonitoringStatusCard').then(m => (
        <m.ModelMonitoringStatusCard />
      )),
  },
});

/**
 * The model-monitoring plugin for apps on the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'model-monitoring',
  extensions: [modelMonitoringApi, entityStatusCard],
});
