import { screen, within } from '@testing-library/react';
import {
  contributors,
  incomeEntity,
  incomeSummary,
} from '../../__testUtils__/clarifyFixtures';
import { NOW } from '../../__testUtils__/fixtures';
import {
  backendError,
  renderForEntity,
} from '../../__testUtils__/renderForEntity';
import { ModelMonitoringStatusCard } from './ModelMonitoringStatusCard';

beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(NOW));
afterEach(() => jest.restoreAllMocks());

function renderCard(getDriftContributors: jest.Mock, summary = incomeSummary) {
  return renderForEntity(
    <ModelMonitoringStatusCard />,
    {
      getSummary: jest.fn().mockResolvedValue(summary),
      getDriftContributors,
    },
    incomeEntity,
  );
}

describe('Features to look at first (status card)', () => {
  it('lists the top five features with their share, drift and attribution weight', async () => {
    await renderCard(jest.fn().mockResolvedValue(contributors));
    const part = await screen.findByRole('region', {
      name: 'Features to look at first',
    });
    expect(
      within(part).getByText(
        'Drift weighted by feature attribution · top 5 of 6',
      ),
    ).toBeInTheDocument();
    const items = within(part).getAllByRole('listitem');
    expect(items).toHaveLength(5);
    expect(items[0]).toHaveTextContent('1. capital-gain');
    expect(items[0]).toHaveTextContent('54.2%');
    expect(items[0]).toHaveTextContent('drift 0.31 · attribution 0.09');
    expect(
      within(items[0]).getByRole('progressbar', {
        name: 'capital-gain: 54.2% of the drift',
      }),
    ).toHaveAttribute('aria-valuenow', '54');
    expect(within(part).queryByText(/marital-status/)).not.toBeInTheDocument();
    // The card itself is intact.
    expect(screen.getByText('Bias drift')).toBeInTheDocument();
  });

  it('says the ranking is by drift distance when no attribution weighs it', async () => {
    await renderCard(
      jest.fn().mockResolvedValue({
        ...contributors,
        weighted: false,
        items: contributors.items
          .slice(0, 2)
          .map(i => ({ ...i, attribution: null })),
      }),
    );
    expect(
      await screen.findByText('Ranked by drift distance'),
    ).toBeInTheDocument();
    expect(screen.getByText('drift 0.31')).toBeInTheDocument();
    expect(screen.queryByText(/attribution 0.09/)).not.toBeInTheDocument();
  });

  it('shows nothing when nothing drifted or the route is missing, and one quiet line on other errors', async () => {
    const empty = await renderCard(
      jest.fn().mockResolvedValue({ ...contributors, items: [] }),
    );
    expect(await screen.findByText('Bias drift')).toBeInTheDocument();
    expect(screen.queryByText('Features to look at first')).toBeNull();
    empty.unmount();

    const missing = await renderCard(
      jest.fn().mockRejectedValue(await backendError(404, 'Not found')),
    );
    expect(await screen.findByText('Bias drift')).toBeInTheDocument();
    expect(screen.queryByText(/Could not rank/)).toBeNull();
    missing.unmount();

    await renderCard(
      jest.fn().mockRejectedValue(await backendError(503, 'Athena throttled')),
    );
    expect(
      await screen.findByText(
        /Could not rank the drifted features:.*Athena throttled/,
      ),
    ).toBeInTheDocument();
    // Never an error panel on the card for this optional part.
    expect(screen.getByText('Overall')).toBeInTheDocument();
  });

  it('does not ask when the model has neither a data-quality nor an explainability monitor', async () => {
    const getDriftContributors = jest.fn();
    await renderCard(getDriftContributors, {
      ...incomeSummary,
      monitors: incomeSummary.monitors.filter(
        m => m.monitorType === 'ModelBias',
      ),
    });
    expect(await screen.findByText('Bias drift')).toBeInTheDocument();
    expect(getDriftContributors).not.toHaveBeenCalled();
  });
});
