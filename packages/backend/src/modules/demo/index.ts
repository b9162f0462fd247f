export { modelMonitoringDemoModule as default } from './demoModule';
