import { screen, within } from '@testing-library/react';
import { attribution, incomeEntity } from '../../__testUtils__/clarifyFixtures';
import { NOW } from '../../__testUtils__/fixtures';
import {
  backendError,
  renderForEntity,
} from '../../__testUtils__/renderForEntity';
import { AttributionSection } from './AttributionSection';

const range = {
  from: new Date(NOW - 7 * 86_400_000).toISOString(),
  to: new Date(NOW).toISOString(),
  spanMs: 7 * 86_400_000,
};

beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(NOW));
afterEach(() => jest.restoreAllMocks());

function rowOf(feature: string) {
  return screen
    .getAllByRole('row')
    .find(r => within(r).queryByText(feature, { exact: true }))!;
}

describe('AttributionSection', () => {
  it('says the model relies on different features, draws NDCG with its threshold and ranks features with their moves', async () => {
    await renderForEntity(
      <AttributionSection range={range} />,
      { getAttribution: jest.fn().mockResolvedValue(attribution) },
      incomeEntity,
    );
    expect(
      await screen.findByText(
        'NDCG 0.72 < 0.90 threshold: the model now relies on different features',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('SHAP attributions explaining income'),
    ).toBeInTheDocument();

    const ndcg = screen.getByRole('img', { name: /^NDCG over time/ });
    expect(ndcg).toHaveAccessibleName(
      /NDCG now 0.72, threshold 0.9, 4 windows/,
    );
    expect(within(ndcg).getByText('threshold 0.9')).toBeInTheDocument();
    expect(ndcg.querySelector('.recharts-reference-area')).not.toBeNull();

    const bars = screen.getByRole('img', {
      name: /^Feature attribution, baseline versus now/,
    });
    expect(bars).toHaveAccessibleName(/capital-gain 0.055 then 0.09/);
    // Eight features (the top ten at most), a baseline and a now bar each.
    expect(bars.querySelectorAll('.recharts-bar-rectangle').length).toBe(16);

    expect(within(rowOf('capital-gain')).getByText('▲1')).toBeInTheDocument();
    expect(within(rowOf('age')).getByText('up 2 places')).toBeInTheDocument();
    expect(within(rowOf('relationship')).getByText('▼3')).toBeInTheDocument();
    expect(
      within(rowOf('education-num')).getByText('same place'),
    ).toBeInTheDocument();
    expect(within(rowOf('workclass')).getByText('new')).toBeInTheDocument();
    expect(within(rowOf('occupation')).getByText('gone')).toBeInTheDocument();
    // Ranked by the newest window: the feature missing now comes last.
    const features = screen
      .getAllByRole('row')
      .slice(1)
      .map(r => r.querySelectorAll('td')[1]?.textContent);
    expect(features[0]).toBe('capital-gain');
    expect(features[features.length - 1]).toBe('occupation');
  });

  it('reads as fine when NDCG stays above the threshold', async () => {
    await renderForEntity(
      <AttributionSection range={range} />,
      {
        getAttribution: jest.fn().mockResolvedValue({
          ...attribution,
          ndcg: [{ time: attribution.ndcg[0].time, value: 0.97 }],
          ndcgNow: 0.97,
          violated: false,
        }),
      },
      incomeEntity,
    );
    expect(
      await screen.findByText(
        'NDCG 0.97 ≥ 0.90 threshold: the feature ranking matches the baseline',
      ),
    ).toBeInTheDocument();
  });

  it('shows empty and error states', async () => {
    const first = await renderForEntity(
      <AttributionSection range={range} />,
      {
        getAttribution: jest.fn().mockResolvedValue({
          ...attribution,
          features: [],
          ndcg: [],
          ndcgNow: null,
          violated: false,
        }),
      },
      incomeEntity,
    );
    expect(
      await screen.findByText('No feature-attribution results in this range'),
    ).toBeInTheDocument();
    first.unmount();

    const error = await backendError(404, 'No ModelExplainability schedule');
    await renderForEntity(
      <AttributionSection range={range} />,
      { getAttribution: jest.fn().mockRejectedValue(error) },
      incomeEntity,
    );
    expect(
      (await screen.findAllByText(/No ModelExplainability schedule/)).length,
    ).toBeGreaterThan(0);
  });
});
