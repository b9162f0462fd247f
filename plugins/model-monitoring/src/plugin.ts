import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { modelMonitoringApiRef, ModelMonitoringClient } from './api';

/**
 * The model-monitoring plugin for apps on the legacy frontend system.
 *
 * @public
 */
export const modelMonitoringPlugin = createPlugin({
  id: 'model-monitoring',
  apis: [
    createApiFactory({
      api: modelMonitoringApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new ModelMonitoringClient(deps),
    }),
  ],
});

/**
 * Card with the monitoring status of the model on an entity page.
 *
 * @public
 */
export const EntityModelMonitoringStatusCard = modelMonitoringPlugin.provide(
  createComponentExtension({
    name: 'EntityModelMonitoringStatusCard',
    component: {
      lazy: () =>
        import('./components/ModelMonitoringStatusCard').then(
          m => m.ModelMonitoringStatusCard,
        ),
    },
  }),
);
