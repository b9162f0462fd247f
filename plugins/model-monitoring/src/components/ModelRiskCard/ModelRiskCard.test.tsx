import { screen } from '@testing-library/react';
import { NOW, summary, unmonitoredEntity } from '../../__testUtils__/fixtures';
import {
  backendError,
  pending,
  renderForEntity,
} from '../../__testUtils__/renderForEntity';
import { ModelRiskCard } from './ModelRiskCard';

beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(NOW));
afterEach(() => jest.restoreAllMocks());

describe('ModelRiskCard', () => {
  it('shows risk, open alerts, coverage, baseline age and ground-truth freshness', async () => {
    await renderForEntity(<ModelRiskCard />, {
      getSummary: jest.fn().mockResolvedValue(summary),
    });
    expect(await screen.findByText('Medium risk')).toBeInTheDocument();
    expect(
      screen.getByText(/from the mlmon.dev\/risk-rating annotation/),
    ).toBeInTheDocument();
    expect(screen.getByText('housing-dq-violations')).toBeInTheDocument();
    expect(screen.getByText('In alert')).toBeInTheDocument();
    expect(
      screen.getByText(/3 of the last 5 executions had violations/),
    ).toBeInTheDocument();
    expect(screen.getByText('Baseline 12 days old')).toBeInTheDocument();
    expect(screen.getAllByText('Not monitored')).toHaveLength(2);
    expect(screen.getByText('Newest yesterday')).toBeInTheDocument();
  });

  it('shows CloudWatch alarms of SageMaker models and flags stale baselines', async () => {
    await renderForEntity(<ModelRiskCard />, {
      getSummary: jest.fn().mockResolvedValue({
        ...summary,
        source: 'sagemaker',
        riskRatingSource: 'model-card',
        riskRating: 'High',
        alerts: [],
        monitors: [
          {
            ...summary.monitors[0],
            baselineCreatedAt: '2026-01-01T00:00:00.000Z',
          },
        ],
        cloudWatchAlarms: [{ alarmName: 'housing-latency', state: 'ALARM' }],
      }),
    });
    expect(await screen.findByText('High risk')).toBeInTheDocument();
    expect(screen.getByText('housing-latency')).toBeInTheDocument();
    expect(screen.getByText('Alarm')).toBeInTheDocument();
    expect(screen.getByText('No alert rules.')).toBeInTheDocument();
    expect(screen.getByText('Baseline 325 days old')).toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    await renderForEntity(<ModelRiskCard />, { getSummary: pending });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('explains the missing annotation', async () => {
    const getSummary = jest.fn();
    await renderForEntity(<ModelRiskCard />, { getSummary }, unmonitoredEntity);
    expect(screen.getAllByText(/mlmon.dev\/endpoint/).length).toBeGreaterThan(
      0,
    );
    expect(getSummary).not.toHaveBeenCalled();
  });

  it('shows the backend error', async () => {
    const error = await backendError(
      404,
      'Entity component:default/x is not monitored',
    );
    await renderForEntity(<ModelRiskCard />, {
      getSummary: jest.fn().mockRejectedValue(error),
    });
    expect(
      (await screen.findAllByText(/is not monitored/)).length,
    ).toBeGreaterThan(0);
  });
});
