export { modelMonitoringApiRef } from './ModelMonitoringApi';
export type {
  ModelMonitoringApi,
  RangeQuery,
  ExecutionsQuery,
} from './ModelMonitoringApi';
export { ModelMonitoringClient } from './ModelMonitoringClient';
