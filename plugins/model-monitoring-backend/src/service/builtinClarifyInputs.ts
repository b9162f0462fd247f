import type { MonitoringExecution } from '@mlmon/plugin-model-monitoring-common';
import type { ExecutionMetricsStore } from '../database/ExecutionMetricsStore';
import type { ExecutionStore } from '../database/ExecutionStore';
import { readClarifyAnalysis, readClarifyViolations } from '../reports/clarifyReports';
import type { ReportReader } from '../reports/ReportReader';
import type { ClarifyInputs } from './clarifyInputs';
import type { EntityRequest } from './requestContext';

/** How far back the newest usable execution of a schedule is looked for. */
const LOOK_BACK = 48;

const usable = (e: { status: string }) => e.status === 'Completed' || e.status === 'CompletedWithViolations';

export interface BuiltinClarifyDeps {
  executions: ExecutionStore;
  metrics: ExecutionMetricsStore;
  reports: ReportReader;
}

/**
 * The Clarify builders' inputs for a model of the built-in engine: executions and metrics from
 * the database (written by runClarifyWindow), report files through the shared report reader,
 * facet, label and baseline from the registered schedule.
 */
export function builtinClarifyInputs(request: EntityRequest, deps: BuiltinClarifyDeps): ClarifyInputs {
  const entity = request.entityRef;
  const specOf = (name: string) => request.builtinModel?.schedules.find(s => s.name === name);
  let latest: Promise<MonitoringExecution[]> | undefined;
  const latestPerSchedule = () => (latest ??= deps.executions.latestPerSchedule(entity));
  const reportUriAt = async (schedule: string, windowEnd: string) => {
    const end = new Date(windowEnd);
    const [execution] = await deps.executions.list(entity, schedule, new Date(end.getTime() - 1), end);
    return execution?.reportUri;
  };

  return {
    async schedules() {
      const newest = await latestPerSchedule();
      return request.scheduleNames.map(name => ({
        name,
        monitorType: specOf(name)?.monitorType ?? newest.find(e => e.scheduleName === name)?.monitorType,
      }));
    },
    async settings(schedule) {
      const spec = specOf(schedule);
      if (!spec) return undefined;
      const label = spec.label;
      return {
        facet: spec.facet ? { column: spec.facet.column, value: spec.facet.values?.join(',') } : undefined,
        label: label
          ? { column: label.column, positive: label.positiveValues?.join(',') ?? (label.threshold !== undefined ? `> ${label.threshold}` : undefined) }
          : undefined,
        ndcgThreshold: spec.ndcgThreshold,
      };
    },
    async baseline(schedule) {
      const spec = specOf(schedule);
      if (!spec) return undefined;
      return { location: `${spec.baselineUri}/analysis.json`, analysis: await readClarifyAnalysis(deps.reports, spec.baselineUri) };
    },
    windows: (schedule, range) => deps.executions.windows(entity, schedule, range),
    metricNames: (schedule, range, prefix) => deps.metrics.names(entity, schedule, range, prefix),
    series: (schedule, keys, range) => deps.metrics.series(entity, schedule, keys, range),
    metricsAt: (schedule, windowEnd) => deps.metrics.at(entity, schedule, new Date(windowEnd)),
    async violationsAt(schedule, windowEnd) {
      const uri = await reportUriAt(schedule, windowEnd);
      return uri ? readClarifyViolations(deps.reports, uri) : [];
    },
    async newestUsable(schedule) {
      const execution = (await deps.executions.newest(entity, schedule, LOOK_BACK)).find(usable);
      if (!execution) return undefined;
      return {
        execution,
        metrics: await deps.metrics.at(entity, schedule, new Date(execution.windowEnd)),
        violatingFeatures: execution.violations,
      };
    },
  };
}
