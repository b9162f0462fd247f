import { screen, within } from '@testing-library/react';
import { bias, incomeEntity } from '../../__testUtils__/clarifyFixtures';
import { NOW } from '../../__testUtils__/fixtures';
import {
  backendError,
  pending,
  renderForEntity,
} from '../../__testUtils__/renderForEntity';
import { BiasSection } from './BiasSection';

const range = {
  from: new Date(NOW - 7 * 86_400_000).toISOString(),
  to: new Date(NOW).toISOString(),
  spanMs: 7 * 86_400_000,
};

beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(NOW));
afterEach(() => jest.restoreAllMocks());

describe('BiasSection', () => {
  it('names the facet, puts the violated metric first with its band and baseline, and lists the violation', async () => {
    const getBias = jest.fn().mockResolvedValue(bias);
    await renderForEntity(
      <BiasSection range={range} />,
      { getBias },
      incomeEntity,
    );
    expect(
      await screen.findByText('sex = Female, positive label income = >50K'),
    ).toBeInTheDocument();
    expect(getBias).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'income-classifier' },
      { from: range.from, to: range.to },
    );
    expect(
      screen.getByText(
        /1 of 3 bias metrics drifted further from the ideal than the baseline for sex = Female: DI/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        "Metric value 0.2 doesn't meet the baseline constraint requirement 0.35",
      ),
    ).toBeInTheDocument();

    // One chart per metric, DI first; each carries its numbers for screen readers.
    const charts = screen.getAllByRole('img', { name: /over time/ });
    expect(
      charts.map(c => c.getAttribute('aria-label')?.split('.')[0]),
    ).toEqual([
      'Disparate Impact (DI) over time',
      'Accuracy Difference (AD) over time',
      'Difference in Positive Proportions in Predicted Labels (DPPL) over time',
    ]);
    const di = charts[0];
    expect(di).toHaveAccessibleName(
      /DI: latest 0.2, baseline 0.35, allowed 0.35 to 1.65, ideal 1 \(violated\)/,
    );
    expect(di.querySelector('.recharts-reference-area')).not.toBeNull();
    expect(within(di).getByText('baseline 0.35')).toBeInTheDocument();
    expect(within(di).getByText('ideal 1')).toBeInTheDocument();
    expect(di.querySelectorAll('.recharts-line-curve')).toHaveLength(1);
    expect(
      screen.getByText(
        'DI: latest 0.2, baseline 0.35, allowed 0.35 to 1.65, ideal 1 (violated)',
      ),
    ).toBeInTheDocument();

    // The table compares the newest values with the baseline and the ideal.
    const row = screen
      .getAllByRole('row')
      .find(r => within(r).queryByText('Disparate Impact (DI)'))!;
    expect(within(row).getByText('0.2')).toBeInTheDocument();
    expect(within(row).getByText('0.35 to 1.65')).toBeInTheDocument();
    expect(within(row).getByText('Violated')).toBeInTheDocument();
    const ok = screen
      .getAllByRole('row')
      .find(r => within(r).queryByText('Accuracy Difference (AD)'))!;
    expect(within(ok).getByText('OK')).toBeInTheDocument();
  });

  it('says all metrics are within the band when none is violated', async () => {
    await renderForEntity(
      <BiasSection range={range} />,
      {
        getBias: jest.fn().mockResolvedValue({
          ...bias,
          metrics: bias.metrics.filter(m => !m.violated),
          latestViolations: [],
        }),
      },
      incomeEntity,
    );
    expect(
      await screen.findByText(
        /All 2 bias metrics stay within the baseline's band/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('Violations in the newest execution'),
    ).not.toBeInTheDocument();
  });

  it('shows loading, empty and error states', async () => {
    const first = await renderForEntity(
      <BiasSection range={range} />,
      { getBias: pending },
      incomeEntity,
    );
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    first.unmount();

    const second = await renderForEntity(
      <BiasSection range={range} />,
      {
        getBias: jest
          .fn()
          .mockResolvedValue({ ...bias, metrics: [], latestViolations: [] }),
      },
      incomeEntity,
    );
    expect(
      await screen.findByText('No bias results in this range'),
    ).toBeInTheDocument();
    second.unmount();

    const error = await backendError(502, 'S3 refused the analysis.json');
    await renderForEntity(
      <BiasSection range={range} />,
      { getBias: jest.fn().mockRejectedValue(error) },
      incomeEntity,
    );
    expect(
      (await screen.findAllByText(/S3 refused the analysis.json/)).length,
    ).toBeGreaterThan(0);
  });
});
