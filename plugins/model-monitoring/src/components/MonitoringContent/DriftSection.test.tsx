import { screen, within } from '@testing-library/react';
import type { DriftResponse } from '@mlmon/plugin-model-monitoring-common';
import { drift, NOW } from '../../__testUtils__/fixtures';
import { renderForEntity } from '../../__testUtils__/renderForEntity';
import { DriftSection } from './DriftSection';

const DAY = 86_400_000;
const range = {
  from: new Date(NOW - 90 * DAY).toISOString(),
  to: new Date(NOW).toISOString(),
  spanMs: 90 * DAY,
};

/** 90 days as the backend downsamples them: one point per 6-hour bucket, its peak. */
const downsampled: DriftResponse = {
  ...drift,
  range: { from: range.from, to: range.to },
  bucketSeconds: 6 * 3600,
  series: drift.series.map(s => ({
    feature: s.feature,
    points: Array.from({ length: 360 }, (_, i) => ({
      time: new Date(NOW - 90 * DAY + (i + 1) * 6 * 3_600_000).toISOString(),
      value: i === 200 && s.feature === 'median_income' ? 0.41 : 0.02,
    })),
  })),
};

beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(NOW));
afterEach(() => jest.restoreAllMocks());

describe('DriftSection', () => {
  it('says each point is the peak of a bucket when the backend downsampled, and draws every bucket', async () => {
    const getDrift = jest.fn().mockResolvedValue(downsampled);
    await renderForEntity(
      <DriftSection
        range={range}
        onSelectFeature={() => {}}
        selectedFeature="median_income"
      />,
      { getDrift },
    );
    const chart = await screen.findByLabelText(
      'Drift distance over time of median_income, house_age, highest per 6 hours',
    );
    expect(chart.querySelectorAll('.recharts-line-curve')).toHaveLength(2);
    expect(within(chart).getByText('threshold 0.1')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Highest baseline drift distance per 6 hours (each point: the peak of its windows)',
      ),
    ).toBeInTheDocument();
    expect(getDrift).toHaveBeenCalledWith(expect.anything(), {
      from: range.from,
      to: range.to,
      features: undefined,
    });
  });

  it('says each point is a window when the answer is not downsampled', async () => {
    await renderForEntity(
      <DriftSection
        range={range}
        onSelectFeature={() => {}}
        selectedFeature="median_income"
      />,
      { getDrift: jest.fn().mockResolvedValue(drift) },
    );
    expect(
      await screen.findByLabelText(
        'Drift distance over time of median_income, house_age',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Baseline drift distance per execution window'),
    ).toBeInTheDocument();
  });
});
