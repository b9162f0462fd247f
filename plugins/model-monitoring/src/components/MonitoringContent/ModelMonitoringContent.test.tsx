import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  drift,
  executions,
  featureStatistics,
  NOW,
  predictions,
  quality,
  summary,
  traffic,
  unmonitoredEntity,
  violations,
} from '../../__testUtils__/fixtures';
import {
  backendError,
  pending,
  renderForEntity,
} from '../../__testUtils__/renderForEntity';
import type { ModelMonitoringApi } from '../../api';
import {
  attribution,
  bias,
  incomeEntity,
  incomeSummary,
} from '../../__testUtils__/clarifyFixtures';
import { alerts } from '../../__testUtils__/alertsFixtures';
import { ModelMonitoringContent } from './ModelMonitoringContent';

// The dashboard renders eight sections with charts and tables; jsdom needs a moment.
jest.setTimeout(30_000);
beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(NOW));
afterEach(() => jest.restoreAllMocks());

function answeringApi(
  overrides: Partial<ModelMonitoringApi> = {},
): Partial<ModelMonitoringApi> {
  return {
    getDrift: jest.fn().mockResolvedValue(drift),
    getViolations: jest.fn().mockResolvedValue(violations),
    getFeatureStatistics: jest.fn().mockResolvedValue(featureStatistics),
    getPredictions: jest.fn().mockResolvedValue(predictions),
    getQuality: jest.fn().mockResolvedValue(quality),
    getTraffic: jest.fn().mockResolvedValue(traffic),
    getExecutions: jest.fn().mockResolvedValue(executions),
    getReport: jest.fn(),
    getSummary: jest.fn().mockResolvedValue(summary),
    getBias: jest.fn().mockResolvedValue(bias),
    getAttribution: jest.fn().mockResolvedValue(attribution),
    getAlerts: jest.fn().mockResolvedValue(alerts),
    ...overrides,
  };
}

describe('ModelMonitoringContent', () => {
  it('draws drift over time with the threshold, the feature table and the most drifted distribution', async () => {
    const api = answeringApi();
    await renderForEntity(<ModelMonitoringContent />, api);
    const chart = await screen.findByLabelText(
      /Drift distance over time of median_income, house_age/,
    );
    expect(chart.querySelectorAll('.recharts-line-curve')).toHaveLength(2);
    expect(within(chart).getByText('threshold 0.1')).toBeInTheDocument();
    // The owners' alerts sit on the same tab, with the rule that fired.
    expect(
      (await screen.findAllByText('housing-dq-violations')).length,
    ).toBeGreaterThan(0);
    expect(screen.getByText('Drifted')).toBeInTheDocument();
    // The most drifted feature opens without a click.
    expect(
      await screen.findByText('Distribution of median_income'),
    ).toBeInTheDocument();
    expect(api.getFeatureStatistics).toHaveBeenCalledWith(
      expect.anything(),
      'median_income',
    );
    const overlay = screen.getByLabelText(
      /median_income: baseline versus window/,
    );
    expect(overlay.querySelectorAll('.recharts-bar-rectangle').length).toBe(6);
    expect(screen.getByText('6.1')).toBeInTheDocument();
    expect(
      screen.getByText('Baseline drift distance: 0.41 exceeds threshold: 0.1'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('RMSE over time')).toBeInTheDocument();
    expect(
      screen.getByLabelText('Model latency over time'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('constraint_violations.json'),
    ).toBeInTheDocument();
  });

  it('compares another feature and refetches for a new time range', async () => {
    const api = answeringApi();
    await renderForEntity(<ModelMonitoringContent />, api);
    await screen.findByText('Distribution of median_income');
    const compare = screen.getAllByText('Compare');
    fireEvent.click(compare[1].closest('button')!);
    await waitFor(() =>
      expect(api.getFeatureStatistics).toHaveBeenLastCalledWith(
        expect.anything(),
        'house_age',
      ),
    );
    fireEvent.click(screen.getByLabelText('Last 30 days'));
    await waitFor(() =>
      expect(api.getDrift).toHaveBeenLastCalledWith(expect.anything(), {
        from: '2026-10-23T12:00:00.000Z',
        to: '2026-11-22T12:00:00.000Z',
        features: undefined,
      }),
    );
  });

  it('keeps the other sections when one source fails, and shows empty sections as such', async () => {
    const error = await backendError(502, 'CloudWatch failed');
    await renderForEntity(
      <ModelMonitoringContent />,
      answeringApi({
        getTraffic: jest.fn().mockRejectedValue(error),
        getQuality: jest.fn().mockResolvedValue({ ...quality, metrics: [] }),
        getExecutions: pending,
      }),
    );
    expect(
      (await screen.findAllByText(/CloudWatch failed/)).length,
    ).toBeGreaterThan(0);
    expect(
      await screen.findByText('No model-quality results in this range'),
    ).toBeInTheDocument();
    expect(screen.getAllByTestId('progress').length).toBeGreaterThan(0);
    expect(await screen.findByText('Drifted')).toBeInTheDocument();
  });

  it('adds bias and attribution sections only for models with those monitors', async () => {
    const housing = answeringApi();
    const first = await renderForEntity(<ModelMonitoringContent />, housing);
    expect(await screen.findByText('Drifted')).toBeInTheDocument();
    expect(housing.getBias).not.toHaveBeenCalled();
    expect(housing.getAttribution).not.toHaveBeenCalled();
    expect(screen.queryByText('Bias drift over time')).toBeNull();
    first.unmount();

    const income = answeringApi({
      getSummary: jest.fn().mockResolvedValue(incomeSummary),
    });
    await renderForEntity(<ModelMonitoringContent />, income, incomeEntity);
    expect(
      await screen.findByText('sex = Female, positive label income = >50K'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(
        'NDCG 0.72 < 0.90 threshold: the model now relies on different features',
      ),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByLabelText('Last 30 days'));
    await waitFor(() =>
      expect(income.getBias).toHaveBeenLastCalledWith(expect.anything(), {
        from: '2026-10-23T12:00:00.000Z',
        to: '2026-11-22T12:00:00.000Z',
      }),
    );
  });

  it('explains the missing annotation', async () => {
    const api = answeringApi();
    await renderForEntity(<ModelMonitoringContent />, api, unmonitoredEntity);
    expect(screen.getAllByText(/mlmon.dev\/endpoint/).length).toBeGreaterThan(
      0,
    );
    expect(api.getDrift).not.toHaveBeenCalled();
  });
});
