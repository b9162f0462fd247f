import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import type {
  AlertHistoryEntry,
  AlertRule,
} from '@mlmon/plugin-model-monitoring-common';
import { EmptyNote, formatDateTime, formatRelative } from '../shared';
import { ALERT_KIND_LABELS, AlertStatusChip } from './AlertsSectionStates';

/** How many transitions to show: enough to see a flapping alert, not a wall of rows. */
const HISTORY_ROWS = 20;

/** The recent OK ↔ InAlert transitions, newest first. */
export function AlertHistoryTable({
  history,
}: {
  history: AlertHistoryEntry[];
}) {
  if (history.length === 0) {
    return <EmptyNote>No alert has changed state yet.</EmptyNote>;
  }
  const newest = [...history]
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, HISTORY_ROWS);
  return (
    <Table size="small" aria-label="Alert history">
      <TableHead>
        <TableRow>
          <TableCell>Time</TableCell>
          <TableCell>Rule</TableCell>
          <TableCell>Change</TableCell>
          <TableCell>Reason</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {newest.map(h => (
          <TableRow key={`${h.ruleName}-${h.at}-${h.to}`}>
            <TableCell>
              <span title={formatDateTime(h.at)}>{formatRelative(h.at)}</span>
            </TableCell>
            <TableCell>{h.ruleName}</TableCell>
            <TableCell aria-label={`${h.from} to ${h.to}`}>
              <AlertStatusChip status={h.from} /> →{' '}
              <AlertStatusChip status={h.to} />
            </TableCell>
            <TableCell>{h.reason}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** What a rule checks, in words: "median_income drift > 0.1, 2 of the last 3". */
export function describeRule(rule: AlertRule): string {
  const window = `${rule.datapointsToAlert} of the last ${rule.evaluationPeriod} executions`;
  switch (rule.kind) {
    case 'drift': {
      const feature = rule.feature ?? 'any feature';
      const threshold =
        rule.threshold === undefined ? 'its threshold' : rule.threshold;
      return `${feature} drift above ${threshold} in ${window}`;
    }
    case 'quality': {
      const metric = rule.metric ?? 'a metric';
      if (rule.threshold === undefined) {
        return `${metric} beyond its baseline constraint in ${window}`;
      }
      const side = rule.comparison === 'LessThanThreshold' ? 'below' : 'above';
      return `${metric} ${side} ${rule.threshold} in ${window}`;
    }
    default:
      return `violations in ${window}`;
  }
}

/** The model's alert rules, read-only: editing them is done through the API or the template. */
export function AlertRulesTable({ rules }: { rules: AlertRule[] }) {
  if (rules.length === 0) {
    return <EmptyNote>This model has no alert rules.</EmptyNote>;
  }
  return (
    <Table size="small" aria-label="Alert rules">
      <TableHead>
        <TableRow>
          <TableCell>Rule</TableCell>
          <TableCell>Kind</TableCell>
          <TableCell>Schedule</TableCell>
          <TableCell>Condition</TableCell>
          <TableCell>Enabled</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rules.map(r => (
          <TableRow key={r.name}>
            <TableCell>{r.name}</TableCell>
            <TableCell>{ALERT_KIND_LABELS[r.kind]}</TableCell>
            <TableCell>{r.scheduleName}</TableCell>
            <TableCell>{describeRule(r)}</TableCell>
            <TableCell>{r.enabled ? 'Yes' : 'No'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
