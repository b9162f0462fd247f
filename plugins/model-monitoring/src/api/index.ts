export { modelMonitoringApiRef } from './ModelMonitoringApi';
export type { ModelMonitoringApi } from './ModelMonitoringApi';
export { ModelMonitoringClient } from './ModelMonitoringClient';
