import { Table, TableColumn } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Link from '@material-ui/core/Link';
import type {
  ExecutionReportLink,
  MonitoringExecutionWithReports,
} from '@mlmon/plugin-model-monitoring-common';
import { modelMonitoringApiRef } from '../../api';
import {
  CardStates,
  ExecutionStatusLabel,
  formatDateTime,
  formatRelative,
  MONITOR_LABELS,
  SourceErrors,
  useMonitoringData,
} from '../shared';
import { RunNow } from './RunNow';

/** Opens a report in a new tab; fetched with the user's token, which a plain link lacks. */
function ReportLink({ report }: { report: ExecutionReportLink }) {
  const api = useApi(modelMonitoringApiRef);
  const alertApi = useApi(alertApiRef);
  const open = async () => {
    try {
      const blob = await api.getReport(report.href);
      window.open(URL.createObjectURL(blob), '_blank', 'noopener');
    } catch (e) {
      alertApi.post({
        message: `Could not open ${report.name}: ${(e as Error).message}`,
        severity: 'error',
      });
    }
  };
  return (
    <Link component="button" variant="body2" onClick={open} title={report.uri}>
      {report.name}
    </Link>
  );
}

const columns: TableColumn<MonitoringExecutionWithReports>[] = [
  {
    title: 'Window end',
    field: 'windowEnd',
    defaultSort: 'desc',
    render: e => (
      <span title={formatDateTime(e.windowEnd)}>
        {formatRelative(e.windowEnd)}
      </span>
    ),
  },
  {
    title: 'Monitor',
    field: 'monitorType',
    render: e => MONITOR_LABELS[e.monitorType],
  },
  { title: 'Schedule', field: 'scheduleName' },
  {
    title: 'Status',
    field: 'status',
    render: e => <ExecutionStatusLabel status={e.status} />,
  },
  {
    title: 'Violations',
    field: 'violationCount',
    type: 'numeric',
    render: e =>
      e.violationCount > 0
        ? `${e.violationCount}: ${e.violations.join(', ')}`
        : e.failureReason ?? '0',
  },
  {
    title: 'Reports',
    sorting: false,
    render: e => (
      <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
        {e.reports.map(r => (
          <ReportLink key={r.name} report={r} />
        ))}
      </Box>
    ),
  },
];

/**
 * Executions in the range, newest first, with links to their report files. With `runSchedules`
 * (models the built-in engine runs), a "Run now" control starts a schedule and reloads the
 * table when the run ends.
 */
export function ExecutionsSection({
  range,
  runSchedules = [],
  onRunFinished,
}: {
  range: { from: string; to: string };
  runSchedules?: string[];
  onRunFinished?: () => void;
}) {
  const state = useMonitoringData(
    (api, ref) =>
      api.getExecutions(ref, { from: range.from, to: range.to, limit: 200 }),
    [range.from, range.to],
  );
  const { retry } = state;
  const runControl = runSchedules.length > 0 && (
    <Box mb={1}>
      <RunNow
        schedules={runSchedules}
        onFinished={() => {
          retry();
          onRunFinished?.();
        }}
      />
    </Box>
  );
  return (
    <>
      {runControl}
      <CardStates
        state={state}
        isEmpty={v => v.items.length === 0}
        emptyTitle="No executions in this range"
      >
        {v => (
          <>
            <SourceErrors errors={v.errors} />
            <Table<MonitoringExecutionWithReports>
              title={`Executions (${v.items.length}${v.nextCursor ? '+' : ''})`}
              options={{
                paging: v.items.length > 10,
                pageSize: 10,
                padding: 'dense',
                filtering: false,
              }}
              data={v.items.map(i => ({ ...i }))}
              columns={columns}
            />
          </>
        )}
      </CardStates>
    </>
  );
}
