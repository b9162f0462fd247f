/**
 * Frontend of model monitoring: entity cards, the monitoring tab and the overview page.
 * This entry point serves apps on the legacy frontend system; see `/alpha` for the new one.
 *
 * @packageDocumentation
 */

export {
  modelMonitoringPlugin,
  EntityModelMonitoringStatusCard,
  EntityModelRiskCard,
  EntityModelQualityCard,
  EntityEndpointKpisCard,
  EntityQuickSightDashboardCard,
  EntityModelMonitoringContent,
  ModelMonitoringOverviewPage,
} from './plugin';
export { rootRouteRef as modelMonitoringRouteRef } from './routes';
export { modelMonitoringApiRef, ModelMonitoringClient } from './api';
export type { ModelMonitoringApi, RangeQuery, ExecutionsQuery } from './api';
export { isModelMonitoringAvailable } from '@mlmon/plugin-model-monitoring-common';
