import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  modelMonitoringAlertsUpdatePermission,
  type AlertState,
  type AlertStatus,
} from '@mlmon/plugin-model-monitoring-common';
import { useState } from 'react';
import { modelMonitoringApiRef } from '../../api';
import { EmptyNote, formatDateTime, formatRelative } from '../shared';
import { backendMessage, PermittedButton } from './AlertsSectionActions';

export const ALERT_KIND_LABELS: Record<AlertState['kind'], string> = {
  violations: 'Violations',
  drift: 'Drift',
  quality: 'Quality',
};

/** OK or InAlert as a chip, red when in alert so it stands out in the list. */
export function AlertStatusChip({ status }: { status: AlertStatus }) {
  return (
    <Chip
      size="small"
      label={status === 'InAlert' ? 'In alert' : 'OK'}
      color={status === 'InAlert' ? 'secondary' : 'default'}
    />
  );
}

/** Acknowledges one open alert; on failure says what the backend said, on success refreshes. */
function AcknowledgeButton({
  alert,
  onAcknowledged,
}: {
  alert: AlertState;
  onAcknowledged: () => void;
}) {
  const api = useApi(modelMonitoringApiRef);
  const { entity } = useEntity();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const acknowledge = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api.acknowledgeAlert(getCompoundEntityRef(entity), alert.ruleName);
      onAcknowledged();
    } catch (e) {
      setError(backendMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <PermittedButton
        permission={modelMonitoringAlertsUpdatePermission}
        allowedTitle="Mark the alert as seen; it stays open until the data is fine again"
        size="small"
        variant="outlined"
        onClick={acknowledge}
        disabled={busy}
        aria-label={`Acknowledge ${alert.ruleName}`}
      >
        {busy ? 'Acknowledging…' : 'Acknowledge'}
      </PermittedButton>
      {error && (
        <Alert severity="error" style={{ marginTop: 4 }}>
          Could not acknowledge {alert.ruleName}: {error}
        </Alert>
      )}
    </>
  );
}

function Acknowledgement({
  alert,
  onAcknowledged,
}: {
  alert: AlertState;
  onAcknowledged: () => void;
}) {
  if (alert.acknowledgedBy) {
    return (
      <Typography variant="body2">
        {alert.acknowledgedBy}
        {alert.acknowledgedAt && (
          <Box component="span" color="text.secondary">
            {' '}
            <span title={formatDateTime(alert.acknowledgedAt)}>
              {formatRelative(alert.acknowledgedAt)}
            </span>
          </Box>
        )}
      </Typography>
    );
  }
  if (alert.status === 'InAlert') {
    return <AcknowledgeButton alert={alert} onAcknowledged={onAcknowledged} />;
  }
  return null;
}

/** Where each rule of the model stands now, open alerts first. */
export function AlertStatesTable({
  states,
  onAcknowledged,
}: {
  states: AlertState[];
  onAcknowledged: () => void;
}) {
  if (states.length === 0) {
    return <EmptyNote>No alert has been evaluated yet.</EmptyNote>;
  }
  const sorted = [...states].sort(
    (a, b) =>
      Number(b.status === 'InAlert') - Number(a.status === 'InAlert') ||
      a.ruleName.localeCompare(b.ruleName),
  );
  return (
    <Table size="small" aria-label="Alert states">
      <TableHead>
        <TableRow>
          <TableCell>Rule</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Since</TableCell>
          <TableCell>Reason</TableCell>
          <TableCell style={{ whiteSpace: 'nowrap' }}>Datapoints</TableCell>
          <TableCell>Acknowledged</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {sorted.map(a => (
          <TableRow key={a.ruleName}>
            <TableCell>
              {a.ruleName}
              {/* Kind and schedule under the name: the table stays readable at half width. */}
              <Typography variant="caption" color="textSecondary" display="block">
                {ALERT_KIND_LABELS[a.kind]} · {a.scheduleName}
              </Typography>
            </TableCell>
            <TableCell>
              <AlertStatusChip status={a.status} />
            </TableCell>
            <TableCell style={{ whiteSpace: 'nowrap' }}>
              <span title={formatDateTime(a.since)}>
                {formatRelative(a.since)}
              </span>
            </TableCell>
            <TableCell>{a.reason}</TableCell>
            <TableCell style={{ whiteSpace: 'nowrap' }}>
              {a.datapointsInAlert} of {a.evaluationPeriod}
            </TableCell>
            <TableCell style={{ whiteSpace: 'nowrap' }}>
              <Acknowledgement alert={a} onAcknowledged={onAcknowledged} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
