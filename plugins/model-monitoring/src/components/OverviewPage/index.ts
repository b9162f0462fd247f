export {
  ModelMonitoringOverviewPage,
  ModelMonitoringOverviewContent,
} from './ModelMonitoringOverviewPage';
