import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import LinearProgress from '@material-ui/core/LinearProgress';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import {
  modelMonitoringJobRunPermission,
  type RunResponse,
  type RunStatusResponse,
} from '@mlmon/plugin-model-monitoring-common';
import { useEffect, useRef, useState } from 'react';
import { modelMonitoringApiRef } from '../../api';
import { backendMessage, PermittedButton } from './AlertsSectionActions';

/** How often a running run is asked for progress; a window takes seconds, not milliseconds. */
export const DEFAULT_RUN_POLL_INTERVAL_MS = 2000;

const FINISHED: RunStatusResponse['state'][] = ['Completed', 'Failed'];

function RunOutcome({ status }: { status: RunStatusResponse }) {
  const counts = `${status.windowsDone} of ${status.windowsTotal} windows done, ${status.windowsFailed} failed`;
  if (!FINISHED.includes(status.state)) {
    const share =
      status.windowsTotal > 0
        ? (100 * (status.windowsDone + status.windowsFailed)) /
          status.windowsTotal
        : 0;
    return (
      <Box flexGrow={1} minWidth={200}>
        <Alert severity="info">
          {status.state === 'Queued' ? 'Queued' : 'Running'}{' '}
          {status.scheduleName}: {counts}
        </Alert>
        <LinearProgress
          variant="determinate"
          value={share}
          aria-label="Run progress"
        />
      </Box>
    );
  }
  const failed = status.state === 'Failed' || status.windowsFailed > 0;
  return (
    <Alert severity={failed ? 'error' : 'success'}>
      Run of {status.scheduleName} {failed ? 'failed' : 'finished'}: {counts}
      {status.message ? `. ${status.message}` : ''}
    </Alert>
  );
}

/**
 * Runs a schedule of the model now, over its newest finished window, then follows the run
 * until it ends and tells `onFinished` so the executions and alerts reload. Only for models
 * the built-in engine runs: SageMaker runs its own schedules.
 */
export function RunNow({
  schedules,
  onFinished,
  pollIntervalMs = DEFAULT_RUN_POLL_INTERVAL_MS,
}: {
  schedules: string[];
  onFinished: () => void;
  pollIntervalMs?: number;
}) {
  const api = useApi(modelMonitoringApiRef);
  const { entity } = useEntity();
  const [schedule, setSchedule] = useState(schedules[0] ?? '');
  const [force, setForce] = useState(false);
  const [started, setStarted] = useState<RunResponse>();
  const [status, setStatus] = useState<RunStatusResponse>();
  const [error, setError] = useState<string>();
  const [starting, setStarting] = useState(false);
  // The latest callback without restarting the polling when the parent re-renders.
  const finished = useRef(onFinished);
  finished.current = onFinished;

  useEffect(() => {
    if (!started || started.windowsQueued === 0) return undefined;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ref = getCompoundEntityRef(entity);
    const poll = async () => {
      try {
        const next = await api.getRun(ref, started.runId);
        if (cancelled) return;
        setStatus(next);
        if (FINISHED.includes(next.state)) {
          finished.current();
          return;
        }
      } catch (e) {
        if (!cancelled)
          setError(`Could not follow the run: ${backendMessage(e)}`);
        return;
      }
      timer = setTimeout(poll, pollIntervalMs);
    };
    timer = setTimeout(poll, pollIntervalMs);
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [api, entity, started, pollIntervalMs]);

  const running = status !== undefined && !FINISHED.includes(status.state);
  const start = async () => {
    setStarting(true);
    setError(undefined);
    setStatus(undefined);
    setStarted(undefined);
    try {
      const response = await api.startRun(getCompoundEntityRef(entity), {
        scheduleName: schedule,
        force,
      });
      setStarted(response);
      if (response.windowsQueued > 0) {
        setStatus({
          runId: response.runId,
          scheduleName: response.scheduleName,
          state: 'Queued',
          windowsTotal: response.windowsQueued,
          windowsDone: 0,
          windowsFailed: 0,
          startedAt: new Date().toISOString(),
        });
      }
    } catch (e) {
      setError(`Could not start a run: ${backendMessage(e)}`);
    } finally {
      setStarting(false);
    }
  };

  if (schedules.length === 0) return null;
  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 8 }}>
      <TextField
        select
        size="small"
        variant="outlined"
        label="Schedule"
        value={schedule}
        onChange={e => setSchedule(e.target.value)}
      >
        {schedules.map(s => (
          <MenuItem key={s} value={s}>
            {s}
          </MenuItem>
        ))}
      </TextField>
      <FormControlLabel
        control={
          <Checkbox
            size="small"
            checked={force}
            onChange={e => setForce(e.target.checked)}
          />
        }
        label="Re-run if already executed"
      />
      <PermittedButton
        permission={modelMonitoringJobRunPermission}
        allowedTitle="Run the schedule over its newest finished window now"
        variant="contained"
        color="primary"
        size="small"
        onClick={start}
        disabled={starting || running || !schedule}
      >
        {starting ? 'Starting…' : 'Run now'}
      </PermittedButton>
      {started && started.windowsQueued === 0 && (
        <Alert severity="info">
          Nothing to run: the newest window of {started.scheduleName} was
          already executed. Tick "Re-run if already executed" to run it again.
        </Alert>
      )}
      {status && <RunOutcome status={status} />}
      {error && <Alert severity="error">{error}</Alert>}
    </Box>
  );
}
