import { screen } from '@testing-library/react';
import { quality, unmonitoredEntity } from '../../__testUtils__/fixtures';
import {
  backendError,
  pending,
  renderForEntity,
} from '../../__testUtils__/renderForEntity';
import { breachesThreshold, pickKeyMetric } from './keyMetric';
import { ModelQualityCard } from './ModelQualityCard';

describe('ModelQualityCard', () => {
  it('shows the key metric of a regression model against its threshold with a trend', async () => {
    await renderForEntity(<ModelQualityCard />, {
      getQuality: jest.fn().mockResolvedValue(quality),
    });
    expect(await screen.findByText('0.93')).toBeInTheDocument();
    expect(screen.getByText(/RMSE · regression/)).toBeInTheDocument();
    expect(screen.getByText('Beyond threshold')).toBeInTheDocument();
    expect(
      screen.getByText(/threshold 0.8 · baseline 0.6/),
    ).toBeInTheDocument();
    const trend = screen.getByRole('img', {
      name: /RMSE over the last 3 windows/,
    });
    expect(trend.querySelector('.recharts-line-curve')).not.toBeNull();
  });

  it('explains that ground truth is needed when there are no results', async () => {
    await renderForEntity(<ModelQualityCard />, {
      getQuality: jest.fn().mockResolvedValue({ ...quality, metrics: [] }),
    });
    expect(
      await screen.findByText('No model-quality results yet'),
    ).toBeInTheDocument();
  });

  it('shows progress, the missing annotation and errors', async () => {
    const { unmount } = await renderForEntity(<ModelQualityCard />, {
      getQuality: pending,
    });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    unmount();
    const getQuality = jest.fn();
    const second = await renderForEntity(
      <ModelQualityCard />,
      { getQuality },
      unmonitoredEntity,
    );
    expect(screen.getAllByText(/mlmon.dev\/endpoint/).length).toBeGreaterThan(
      0,
    );
    expect(getQuality).not.toHaveBeenCalled();
    second.unmount();
    const error = await backendError(504, 'Athena timed out');
    await renderForEntity(<ModelQualityCard />, {
      getQuality: jest.fn().mockRejectedValue(error),
    });
    expect(
      (await screen.findAllByText(/Athena timed out/)).length,
    ).toBeGreaterThan(0);
  });
});

describe('keyMetric', () => {
  it('prefers AUC for binary classification and reads comparison operators as SageMaker does', () => {
    const auc = {
      metric: 'auc',
      points: [],
      threshold: 0.8,
      comparison: 'LessThanThreshold' as const,
    };
    const acc = { metric: 'accuracy', points: [] };
    expect(pickKeyMetric([acc, auc], 'BinaryClassification')).toBe(auc);
    expect(breachesThreshold(auc, 0.7)).toBe(true);
    expect(breachesThreshold(auc, 0.9)).toBe(false);
    expect(
      breachesThreshold({ metric: 'mae', points: [], threshold: 2 }, 3),
    ).toBe(true);
  });
});
