import type { AlertState, ModelHealth, MonitoringExecution } from '@mlmon/plugin-model-monitoring-common';

/** The health of one monitor from its newest execution. */
export function monitorHealth(last: MonitoringExecution | undefined): ModelHealth {
  if (!last) return 'NoData';
  if (last.status === 'Failed' || last.status === 'Stopped') return 'Failed';
  if (last.status === 'CompletedWithViolations') return 'Violations';
  if (last.status === 'Completed') return 'OK';
  return 'NoData';
}

const ORDER: ModelHealth[] = ['InAlert', 'Violations', 'Failed', 'OK', 'NoData', 'Unknown'];

/** The worst state over a model's monitors and open alerts. */
export function modelHealth(latest: MonitoringExecution[], alerts: Pick<AlertState, 'status'>[]): ModelHealth {
  if (alerts.some(a => a.status === 'InAlert')) return 'InAlert';
  const states = latest.map(monitorHealth);
  return states.length ? states.sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b))[0] : 'NoData';
}
