import type {
  ModelMonitoringSummary,
  MonitoringExecution,
  MonitorSummary,
} from '@mlmon/plugin-model-monitoring-common';
import type { MonitoredEntity } from './loadMonitoredEntity';

/**
 * The summary of a model: one entry per monitor, from the schedules the entity names and the
 * executions recorded for it (a schedule that has not run yet still shows, without execution).
 */
export function buildSummary(
  monitored: MonitoredEntity,
  latestExecutions: MonitoringExecution[],
): ModelMonitoringSummary {
  const bySchedule = new Map(latestExecutions.map(e => [e.scheduleName, e]));
  const names = new Set([...monitored.annotations.schedules, ...bySchedule.keys()]);
  const monitors: MonitorSummary[] = [...names].sort().map(scheduleName => {
    const lastExecution = bySchedule.get(scheduleName);
    return {
      scheduleName,
      monitorType: lastExecution?.monitorType ?? 'DataQuality',
      lastExecution,
    };
  });
  const override = monitored.annotations.riskRatingOverride;
  return {
    entityRef: monitored.entityRef,
    source: monitored.annotations.source,
    endpointName: monitored.annotations.endpointName,
    monitors,
    riskRating: override ?? 'Unknown',
    riskRatingSource: override ? 'annotation' : 'none',
  };
}
