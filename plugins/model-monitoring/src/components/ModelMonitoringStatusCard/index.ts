export { ModelMonitoringStatusCard } from './ModelMonitoringStatusCard';
