import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RunStatusResponse } from '@mlmon/plugin-model-monitoring-common';
import { executions, NOW } from '../../__testUtils__/fixtures';
import {
  backendError,
  renderForEntity,
} from '../../__testUtils__/renderForEntity';
import { entityRef } from '../../__testUtils__/alertsFixtures';
import { ExecutionsSection } from './ExecutionsSection';
import { RunNow } from './RunNow';

const schedules = ['housing-dq', 'housing-mq'];

function runStatus(over: Partial<RunStatusResponse>): RunStatusResponse {
  return {
    runId: 'run-1',
    scheduleName: 'housing-mq',
    state: 'Running',
    windowsTotal: 2,
    windowsDone: 0,
    windowsFailed: 0,
    startedAt: new Date(NOW).toISOString(),
    ...over,
  };
}

const accepted = {
  runId: 'run-1',
  scheduleName: 'housing-mq',
  windowsQueued: 2,
  windowsSkipped: 0,
  statusUrl: '/entities/default/component/housing-price-regressor/runs/run-1',
};

/** Renders RunNow over the given API methods; polls fast unless told otherwise. */
function renderRunNow(
  api: Parameters<typeof renderForEntity>[1],
  { onFinished = jest.fn(), pollIntervalMs = 5 } = {},
) {
  return renderForEntity(
    <RunNow
      schedules={schedules}
      onFinished={onFinished}
      pollIntervalMs={pollIntervalMs}
    />,
    api,
  );
}

const clickRunNow = () =>
  userEvent.click(screen.getByRole('button', { name: 'Run now' }));

async function chooseSchedule(name: string) {
  await userEvent.click(screen.getByRole('button', { name: /housing-dq/ }));
  await userEvent.click(
    within(await screen.findByRole('listbox')).getByText(name),
  );
}

describe('RunNow', () => {
  it('runs the chosen schedule, follows its progress until it ends and then reloads', async () => {
    const startRun = jest.fn().mockResolvedValue(accepted);
    // The second poll answers only once the test has seen the progress, so a slow machine
    // cannot skip the intermediate state.
    let finish: (status: RunStatusResponse) => void = () => {};
    const getRun = jest
      .fn()
      .mockResolvedValueOnce(runStatus({ windowsDone: 1 }))
      .mockImplementationOnce(
        () =>
          new Promise<RunStatusResponse>(resolve => {
            finish = resolve;
          }),
      );
    const onFinished = jest.fn();
    await renderRunNow(
      { startRun, getRun },
      { onFinished, pollIntervalMs: 20 },
    );
    await chooseSchedule('housing-mq');
    await userEvent.click(screen.getByRole('checkbox'));
    await clickRunNow();

    expect(startRun).toHaveBeenCalledWith(entityRef, {
      scheduleName: 'housing-mq',
      force: true,
    });
    expect(
      await screen.findByText(
        'Running housing-mq: 1 of 2 windows done, 0 failed',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Run now' })).toBeDisabled();
    await waitFor(() => expect(getRun).toHaveBeenCalledTimes(2));
    act(() =>
      finish(
        runStatus({
          state: 'Completed',
          windowsDone: 2,
          finishedAt: new Date(NOW).toISOString(),
        }),
      ),
    );
    expect(
      await screen.findByText(
        'Run of housing-mq finished: 2 of 2 windows done, 0 failed',
      ),
    ).toBeInTheDocument();
    expect(getRun).toHaveBeenCalledTimes(2);
    expect(getRun).toHaveBeenCalledWith(entityRef, 'run-1');
    expect(onFinished).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('button', { name: 'Run now' })).toBeEnabled();
  });

  it('reports failed windows and the reason of a failed run', async () => {
    const getRun = jest.fn().mockResolvedValue(
      runStatus({
        state: 'Failed',
        windowsDone: 1,
        windowsFailed: 1,
        message: 'No capture data in window 2026-11-22T09:00:00Z',
      }),
    );
    await renderRunNow({
      startRun: jest.fn().mockResolvedValue(accepted),
      getRun,
    });
    await clickRunNow();
    expect(
      await screen.findByText(
        'Run of housing-mq failed: 1 of 2 windows done, 1 failed. No capture data in window 2026-11-22T09:00:00Z',
      ),
    ).toBeInTheDocument();
  });

  it('says when the newest window was already executed, without polling', async () => {
    const getRun = jest.fn();
    await renderRunNow({
      startRun: jest.fn().mockResolvedValue({
        ...accepted,
        scheduleName: 'housing-dq',
        windowsQueued: 0,
        windowsSkipped: 1,
      }),
      getRun,
    });
    await clickRunNow();
    expect(
      await screen.findByText(
        /Nothing to run: the newest window of housing-dq was already executed/,
      ),
    ).toBeInTheDocument();
    expect(getRun).not.toHaveBeenCalled();
  });

  it('shows the message of the backend when it refuses to start', async () => {
    const startRun = jest
      .fn()
      .mockRejectedValue(
        await backendError(
          409,
          'component:default/housing-price-regressor is not run by the built-in engine; SageMaker runs its own schedules',
        ),
      );
    await renderRunNow({ startRun });
    await clickRunNow();
    expect(
      await screen.findByText(
        'Could not start a run: component:default/housing-price-regressor is not run by the built-in engine; SageMaker runs its own schedules',
      ),
    ).toBeInTheDocument();
  });

  it('reloads the executions when a run started from the executions section ends', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    try {
      const getExecutions = jest.fn().mockResolvedValue(executions);
      const onRunFinished = jest.fn();
      await renderForEntity(
        <ExecutionsSection
          range={{ from: 'a', to: 'b' }}
          runSchedules={schedules}
          onRunFinished={onRunFinished}
        />,
        {
          getExecutions,
          startRun: jest.fn().mockResolvedValue(accepted),
          getRun: jest
            .fn()
            .mockResolvedValue(
              runStatus({ state: 'Completed', windowsDone: 2 }),
            ),
        },
      );
      await screen.findByText(/^Executions/);
      await clickRunNow();
      await screen.findByText(/^Queued housing-mq/);
      // The default poll interval is seconds: jump over it instead of waiting.
      await act(() => jest.advanceTimersByTimeAsync(2500));
      expect(
        await screen.findByText(/Run of housing-mq finished/),
      ).toBeInTheDocument();
      await waitFor(() => expect(getExecutions).toHaveBeenCalledTimes(2));
      expect(onRunFinished).toHaveBeenCalledTimes(1);
    } finally {
      jest.useRealTimers();
    }
  });
});
