import { screen } from '@testing-library/react';
import {
  monitoredEntity,
  unmonitoredEntity,
} from '../../__testUtils__/fixtures';
import {
  backendError,
  pending,
  renderForEntity,
} from '../../__testUtils__/renderForEntity';
import { QuickSightDashboardCard } from './QuickSightDashboardCard';

const withDashboard = {
  ...monitoredEntity,
  metadata: {
    ...monitoredEntity.metadata,
    annotations: {
      ...monitoredEntity.metadata.annotations,
      'mlmon.dev/quicksight-dashboard': 'housing-dashboard',
    },
  },
};

const embed = {
  embedUrl: 'https://eu-west-1.quicksight.aws.amazon.com/embed/abc',
  dashboardId: 'housing-dashboard',
  expiresAt: '2026-11-22T12:05:00.000Z',
};

describe('QuickSightDashboardCard', () => {
  it('embeds the dashboard from the backend URL', async () => {
    await renderForEntity(
      <QuickSightDashboardCard />,
      { getDashboardEmbed: jest.fn().mockResolvedValue(embed) },
      withDashboard,
    );
    const frame = await screen.findByTitle(
      'QuickSight dashboard housing-dashboard',
    );
    expect(frame).toHaveAttribute('src', embed.embedUrl);
  });

  it('explains the missing dashboard annotation without asking the backend', async () => {
    const getDashboardEmbed = jest.fn();
    await renderForEntity(
      <QuickSightDashboardCard />,
      { getDashboardEmbed },
      monitoredEntity,
    );
    expect(
      screen.getAllByText(/mlmon.dev\/quicksight-dashboard/).length,
    ).toBeGreaterThan(0);
    expect(getDashboardEmbed).not.toHaveBeenCalled();
  });

  it('explains a refused permission', async () => {
    const error = await backendError(403, 'not allowed');
    await renderForEntity(
      <QuickSightDashboardCard />,
      { getDashboardEmbed: jest.fn().mockRejectedValue(error) },
      withDashboard,
    );
    expect(
      await screen.findByText('You may not view this dashboard'),
    ).toBeInTheDocument();
  });

  it('explains that QuickSight is not configured', async () => {
    const error = await backendError(
      503,
      'modelMonitoring.sagemaker is not configured',
    );
    await renderForEntity(
      <QuickSightDashboardCard />,
      { getDashboardEmbed: jest.fn().mockRejectedValue(error) },
      withDashboard,
    );
    expect(
      await screen.findByText('QuickSight is not configured'),
    ).toBeInTheDocument();
  });

  it('shows other errors as they are, progress while loading, and the endpoint annotation', async () => {
    const error = await backendError(500, 'boom');
    const first = await renderForEntity(
      <QuickSightDashboardCard />,
      { getDashboardEmbed: jest.fn().mockRejectedValue(error) },
      withDashboard,
    );
    expect((await screen.findAllByText(/boom/)).length).toBeGreaterThan(0);
    first.unmount();
    const second = await renderForEntity(
      <QuickSightDashboardCard />,
      { getDashboardEmbed: pending },
      withDashboard,
    );
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    second.unmount();
    await renderForEntity(<QuickSightDashboardCard />, {}, unmonitoredEntity);
    expect(screen.getAllByText(/mlmon.dev\/endpoint/).length).toBeGreaterThan(
      0,
    );
  });
});
