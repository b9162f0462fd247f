/**
 * Backend plugin `model-monitoring`: monitoring status, history, alerting and dashboards for
 * the ML models in the catalog.
 *
 * @packageDocumentation
 */

export { modelMonitoringPlugin as default } from './plugin';
