export { ModelMonitoringContent } from './ModelMonitoringContent';
