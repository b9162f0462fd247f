import { permissionApiRef } from '@backstage/plugin-permission-react';
import { mockApis, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReactNode } from 'react';
import { renderForEntity } from '../../__testUtils__/renderForEntity';
import { AlertsSection } from './AlertsSection';
import { alerts } from '../../__testUtils__/alertsFixtures';
import { RunNow } from './RunNow';

// In a file of its own: usePermission caches decisions per module, so a refusal must not
// follow tests where the same permission was granted.

/** A permission policy that says no to everything (AuthorizeResult.DENY is the string 'DENY'). */
const refuse = () => jest.fn().mockReturnValue('DENY');

function refusing(authorize: jest.Mock, children: ReactNode) {
  return (
    <TestApiProvider
      apis={[[permissionApiRef, mockApis.permission({ authorize })]]}
    >
      {children}
    </TestApiProvider>
  );
}

describe('actions without permission', () => {
  it('disables acknowledging, and says why, for a user without the permission', async () => {
    const authorize = refuse();
    const acknowledgeAlert = jest.fn();
    await renderForEntity(refusing(authorize, <AlertsSection />), {
      getAlerts: jest.fn().mockResolvedValue(alerts),
      acknowledgeAlert,
    });
    const button = await screen.findByRole('button', { name: /Acknowledge/ });
    await waitFor(() => expect(authorize).toHaveBeenCalled());
    expect(authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: expect.objectContaining({
          name: 'model-monitoring.alerts.update',
        }),
        resourceRef: 'component:default/housing-price-regressor',
      }),
    );
    await userEvent.hover(button.parentElement!);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'You need the model-monitoring.alerts.update permission on this model; ask its owners or your Backstage admins.',
    );
    expect(button).toBeDisabled();
    expect(acknowledgeAlert).not.toHaveBeenCalled();
  });

  it('disables "Run now", and says why, for a user without the permission', async () => {
    const authorize = refuse();
    const startRun = jest.fn();
    await renderForEntity(
      refusing(
        authorize,
        <RunNow schedules={['housing-dq']} onFinished={jest.fn()} />,
      ),
      { startRun },
    );
    await waitFor(() =>
      expect(authorize).toHaveBeenCalledWith(
        expect.objectContaining({
          permission: expect.objectContaining({
            name: 'model-monitoring.job.run',
          }),
          resourceRef: 'component:default/housing-price-regressor',
        }),
      ),
    );
    const button = screen.getByRole('button', { name: 'Run now' });
    await userEvent.hover(button.parentElement!);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'You need the model-monitoring.job.run permission on this model; ask its owners or your Backstage admins.',
    );
    expect(button).toBeDisabled();
    expect(startRun).not.toHaveBeenCalled();
  });
});
