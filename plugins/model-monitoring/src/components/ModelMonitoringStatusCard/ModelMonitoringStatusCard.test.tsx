import { screen } from '@testing-library/react';
import {
  monitoredEntity,
  NOW,
  summary,
  unmonitoredEntity,
} from '../../__testUtils__/fixtures';
import {
  backendError,
  pending,
  renderForEntity,
} from '../../__testUtils__/renderForEntity';
import { ModelMonitoringStatusCard } from './ModelMonitoringStatusCard';

beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(NOW));
afterEach(() => jest.restoreAllMocks());

describe('ModelMonitoringStatusCard', () => {
  it('shows each monitor with status, violated features, last and next run', async () => {
    const getSummary = jest.fn().mockResolvedValue(summary);
    const getDriftContributors = jest.fn().mockResolvedValue({
      entityRef: summary.entityRef,
      basis: 'data-quality',
      weighted: false,
      items: [
        {
          feature: 'median_income',
          drift: 0.41,
          attribution: null,
          share: 1,
          rank: 1,
        },
      ],
    });
    await renderForEntity(<ModelMonitoringStatusCard />, {
      getSummary,
      getDriftContributors,
    });
    expect(
      await screen.findByText('Features to look at first'),
    ).toBeInTheDocument();
    expect(screen.getByText('Ranked by drift distance')).toBeInTheDocument();
    expect(screen.getAllByText('median_income')).toHaveLength(2);
    expect(screen.getByText('Violations found')).toBeInTheDocument();
    expect(screen.getByText('No run yet')).toBeInTheDocument();
    expect(
      screen.getByText('Last window ended 3 hours ago'),
    ).toBeInTheDocument();
    expect(screen.getByText(/next run in 30 minutes/)).toBeInTheDocument();
    expect(screen.getByText('In alert')).toBeInTheDocument();
    expect(screen.getByText(/risk Medium/)).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /Open the monitoring dashboard/ }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/housing-price-regressor/monitoring',
    );
    expect(getSummary).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'housing-price-regressor',
    });
  });

  it('shows progress while loading', async () => {
    await renderForEntity(<ModelMonitoringStatusCard />, {
      getSummary: pending,
    });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('explains the missing annotation instead of calling the backend', async () => {
    const getSummary = jest.fn();
    await renderForEntity(
      <ModelMonitoringStatusCard />,
      { getSummary },
      unmonitoredEntity,
    );
    expect(screen.getAllByText(/mlmon.dev\/endpoint/).length).toBeGreaterThan(
      0,
    );
    expect(getSummary).not.toHaveBeenCalled();
  });

  it('shows the backend error', async () => {
    const error = await backendError(
      400,
      'Annotation mlmon.dev/endpoint is invalid',
    );
    await renderForEntity(<ModelMonitoringStatusCard />, {
      getSummary: jest.fn().mockRejectedValue(error),
    });
    expect(
      (await screen.findAllByText(/Annotation mlmon.dev\/endpoint is invalid/))
        .length,
    ).toBeGreaterThan(0);
  });

  it('says so when the model has no schedules yet', async () => {
    await renderForEntity(
      <ModelMonitoringStatusCard />,
      { getSummary: jest.fn().mockResolvedValue({ ...summary, monitors: [] }) },
      monitoredEntity,
    );
    expect(
      await screen.findByText('No monitoring schedules yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/endpoint housing-price-regressor/),
    ).toBeInTheDocument();
  });
});
