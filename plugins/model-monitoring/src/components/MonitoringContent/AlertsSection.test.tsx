import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AlertsResponse } from '@mlmon/plugin-model-monitoring-common';
import {
  alerts,
  entityRef as ref,
  hour,
} from '../../__testUtils__/alertsFixtures';
import { NOW } from '../../__testUtils__/fixtures';
import {
  backendError,
  renderForEntity,
} from '../../__testUtils__/renderForEntity';
import { AlertsSection } from './AlertsSection';

const acknowledged: AlertsResponse = {
  ...alerts,
  states: alerts.states.map(s =>
    s.status === 'InAlert'
      ? { ...s, acknowledgedBy: 'user:default/alice', acknowledgedAt: hour(1) }
      : s,
  ),
};

function rowOf(table: string, text: string) {
  return within(screen.getByRole('table', { name: table }))
    .getAllByRole('row')
    .find(r => within(r).queryByText(text))!;
}

beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(NOW));
afterEach(() => jest.restoreAllMocks());

describe('AlertsSection', () => {
  it('lists states with open alerts first, the history newest first and the rules in words', async () => {
    await renderForEntity(<AlertsSection />, {
      getAlerts: jest.fn().mockResolvedValue(alerts),
    });
    expect(await screen.findByText('1 open')).toBeInTheDocument();
    const stateRows = within(
      screen.getByRole('table', { name: 'Alert states' }),
    ).getAllByRole('row');
    expect(stateRows[1]).toHaveTextContent(
      /housing-dq-violations.*Violations.*housing-dq.*In alert.*5 hours ago.*3 of the last 5 executions had violations.*3 of 5.*Acknowledge/,
    );
    expect(stateRows[2]).toHaveTextContent(
      /housing-income-drift.*OK.*2 days ago/,
    );
    expect(
      within(stateRows[2]).queryByRole('button', { name: /Acknowledge/ }),
    ).toBeNull();

    const historyRows = within(
      screen.getByRole('table', { name: 'Alert history' }),
    ).getAllByRole('row');
    expect(historyRows[1]).toHaveTextContent(/5 hours ago.*OK.*In alert/);
    expect(within(historyRows[1]).getByLabelText('OK to InAlert')).toBeTruthy();
    expect(historyRows[2]).toHaveTextContent(/yesterday.*In alert.*OK/);

    expect(rowOf('Alert rules', 'housing-income-drift')).toHaveTextContent(
      'median_income drift above 0.1 in 1 of the last 1 executionsNo',
    );
    expect(rowOf('Alert rules', 'housing-dq-violations')).toHaveTextContent(
      'violations in 3 of the last 5 executionsYes',
    );
  });

  it('acknowledges an open alert and shows who did after reloading', async () => {
    const getAlerts = jest
      .fn()
      .mockResolvedValueOnce(alerts)
      .mockResolvedValueOnce(acknowledged);
    const acknowledgeAlert = jest
      .fn()
      .mockResolvedValue(acknowledged.states[1]);
    await renderForEntity(<AlertsSection />, { getAlerts, acknowledgeAlert });
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Acknowledge housing-dq-violations',
      }),
    );
    expect(acknowledgeAlert).toHaveBeenCalledWith(ref, 'housing-dq-violations');
    expect(await screen.findByText('user:default/alice')).toBeInTheDocument();
    expect(screen.getByText('1 hour ago')).toBeInTheDocument();
    expect(getAlerts).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole('button', { name: /Acknowledge/ })).toBeNull();
  });

  it('shows the message of the backend when it refuses the acknowledgement', async () => {
    const getAlerts = jest.fn().mockResolvedValue(alerts);
    const acknowledgeAlert = jest
      .fn()
      .mockRejectedValue(
        await backendError(
          403,
          'user:default/bob may not model-monitoring.alerts.update component:default/housing-price-regressor',
        ),
      );
    await renderForEntity(<AlertsSection />, { getAlerts, acknowledgeAlert });
    await userEvent.click(
      await screen.findByRole('button', { name: /Acknowledge/ }),
    );
    expect(
      await screen.findByText(
        'Could not acknowledge housing-dq-violations: user:default/bob may not model-monitoring.alerts.update component:default/housing-price-regressor',
      ),
    ).toBeInTheDocument();
    expect(getAlerts).toHaveBeenCalledTimes(1);
  });

  it('says so when the model has no alert rules', async () => {
    await renderForEntity(<AlertsSection />, {
      getAlerts: jest
        .fn()
        .mockResolvedValue({ ...alerts, rules: [], states: [], history: [] }),
    });
    expect(await screen.findByText('No alert rules')).toBeInTheDocument();
  });
});
