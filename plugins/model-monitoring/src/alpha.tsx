import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
  createRouteRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import TimelineIcon from '@material-ui/icons/Timeline';
import {
  ANNOTATION_QUICKSIGHT_DASHBOARD,
  isModelMonitoringAvailable,
} from '@mlmon/plugin-model-monitoring-common';
import { modelMonitoringApiRef, ModelMonitoringClient } from './api';

/** The overview page, for apps on the new frontend system. */
const overviewRouteRef = createRouteRef();

/** The API client. */
const modelMonitoringApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: modelMonitoringApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new ModelMonitoringClient(deps),
    }),
});

/** Per-monitor status, beside "About" so a model's health is seen without scrolling. */
const entityStatusCard = EntityCardBlueprint.make({
  name: 'status',
  params: {
    filter: isModelMonitoringAvailable,
    type: 'info',
    loader: () =>
      import('./components/ModelMonitoringStatusCard').then(m => (
        <m.ModelMonitoringStatusCard />
      )),
  },
});

/** Risk, alerts and coverage: short, so it also sits in the info column. */
const entityRiskCard = EntityCardBlueprint.make({
  name: 'risk',
  params: {
    filter: isModelMonitoringAvailable,
    type: 'info',
    loader: () =>
      import('./components/ModelRiskCard').then(m => <m.ModelRiskCard />),
  },
});

const entityQualityCard = EntityCardBlueprint.make({
  name: 'quality',
  params: {
    filter: isModelMonitoringAvailable,
    type: 'content',
    loader: () =>
      import('./components/ModelQualityCard').then(m => <m.ModelQualityCard />),
  },
});

const entityKpisCard = EntityCardBlueprint.make({
  name: 'endpoint-kpis',
  params: {
    filter: isModelMonitoringAvailable,
    type: 'content',
    loader: () =>
      import('./components/EndpointKpisCard').then(m => <m.EndpointKpisCard />),
  },
});

/** Only where the entity names a dashboard: never an empty card on every model. */
const entityQuickSightCard = EntityCardBlueprint.make({
  name: 'quicksight',
  params: {
    filter: (entity: Entity) =>
      isModelMonitoringAvailable(entity) &&
      Boolean(entity.metadata.annotations?.[ANNOTATION_QUICKSIGHT_DASHBOARD]),
    type: 'content',
    loader: () =>
      import('./components/QuickSightDashboardCard').then(m => (
        <m.QuickSightDashboardCard />
      )),
  },
});

/** The "Monitoring" tab: the dashboard. */
const entityMonitoringContent = EntityContentBlueprint.make({
  name: 'monitoring',
  params: {
    path: 'monitoring',
    title: 'Monitoring',
    filter: isModelMonitoringAvailable,
    loader: () =>
      import('./components/MonitoringContent').then(m => (
        <m.ModelMonitoringContent />
      )),
  },
});

/** The org-wide overview; its title and icon make the "Model monitoring" nav item. */
const overviewPage = PageBlueprint.make({
  params: {
    path: '/model-monitoring',
    title: 'Model monitoring',
    icon: <TimelineIcon fontSize="inherit" />,
    routeRef: overviewRouteRef,
    // The page renders its own Backstage header with a subtitle.
    noHeader: true,
    loader: () =>
      import('./components/OverviewPage').then(m => (
        <m.ModelMonitoringOverviewPage />
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
  title: 'Model monitoring',
  icon: <TimelineIcon fontSize="inherit" />,
  routes: { root: overviewRouteRef },
  extensions: [
    modelMonitoringApi,
    entityStatusCard,
    entityRiskCard,
    entityQualityCard,
    entityKpisCard,
    entityQuickSightCard,
    entityMonitoringContent,
    overviewPage,
  ],
});
