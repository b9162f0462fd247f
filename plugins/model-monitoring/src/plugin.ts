import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { modelMonitoringApiRef, ModelMonitoringClient } from './api';
import { rootRouteRef } from './routes';

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
  routes: { root: rootRouteRef },
});

/**
 * Per-monitor status of the model (last execution, status, violations, next run).
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

/**
 * Risk rating, alert and alarm states and monitoring coverage of the model.
 *
 * @public
 */
export const EntityModelRiskCard = modelMonitoringPlugin.provide(
  createComponentExtension({
    name: 'EntityModelRiskCard',
    component: {
      lazy: () =>
        import('./components/ModelRiskCard').then(m => m.ModelRiskCard),
    },
  }),
);

/**
 * The key model-quality metric against its threshold, with its trend.
 *
 * @public
 */
export const EntityModelQualityCard = modelMonitoringPlugin.provide(
  createComponentExtension({
    name: 'EntityModelQualityCard',
    component: {
      lazy: () =>
        import('./components/ModelQualityCard').then(m => m.ModelQualityCard),
    },
  }),
);

/**
 * Latency, invocations and errors of the model's endpoint over the last day.
 *
 * @public
 */
export const EntityEndpointKpisCard = modelMonitoringPlugin.provide(
  createComponentExtension({
    name: 'EntityEndpointKpisCard',
    component: {
      lazy: () =>
        import('./components/EndpointKpisCard').then(m => m.EndpointKpisCard),
    },
  }),
);

/**
 * The embedded QuickSight dashboard named by mlmon.dev/quicksight-dashboard.
 *
 * @public
 */
export const EntityQuickSightDashboardCard = modelMonitoringPlugin.provide(
  createComponentExtension({
    name: 'EntityQuickSightDashboardCard',
    component: {
      lazy: () =>
        import('./components/QuickSightDashboardCard').then(
          m => m.QuickSightDashboardCard,
        ),
    },
  }),
);

/**
 * The monitoring dashboard, for an entity page tab (`<EntityLayout.Route path="/monitoring">`).
 *
 * @public
 */
export const EntityModelMonitoringContent = modelMonitoringPlugin.provide(
  createComponentExtension({
    name: 'EntityModelMonitoringContent',
    component: {
      lazy: () =>
        import('./components/MonitoringContent').then(
          m => m.ModelMonitoringContent,
        ),
    },
  }),
);

/**
 * The org-wide overview of every monitored model (`<Route path="/model-monitoring">`).
 *
 * @public
 */
export const ModelMonitoringOverviewPage = modelMonitoringPlugin.provide(
  createRoutableExtension({
    name: 'ModelMonitoringOverviewPage',
    component: () =>
      import('./components/OverviewPage').then(
        m => m.ModelMonitoringOverviewPage,
      ),
    mountPoint: rootRouteRef,
  }),
);
