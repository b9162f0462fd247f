import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ModelMonitoringApi, modelMonitoringApiRef } from '../../api';
import { NOW, overview } from '../../__testUtils__/fixtures';
import { backendError } from '../../__testUtils__/renderForEntity';
import { ModelMonitoringOverviewPage } from './ModelMonitoringOverviewPage';
import { toOverviewQuery } from './overviewQuery';

jest.setTimeout(30_000);
beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(NOW));
afterEach(() => jest.restoreAllMocks());

function renderPage(api: Partial<ModelMonitoringApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[modelMonitoringApiRef, api]]}>
      <ModelMonitoringOverviewPage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('ModelMonitoringOverviewPage', () => {
  it('lists every model with status, risk, owner, last run and coverage, linked to its page', async () => {
    const getOverview = jest.fn().mockResolvedValue(overview);
    await renderPage({ getOverview });
    const link = await screen.findByText('Housing price regressor');
    expect(link.closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/component/housing-price-regressor',
    );
    expect(screen.getByText('2 models')).toBeInTheDocument();
    expect(screen.getAllByText('In alert').length).toBeGreaterThan(0);
    expect(screen.getByText('Low risk')).toBeInTheDocument();
    expect(screen.getByText('3 hours ago')).toBeInTheDocument();
    expect(screen.getAllByText('Model quality').length).toBeGreaterThan(0);
    expect(getOverview).toHaveBeenCalledWith({ offset: 0, limit: 25 });
  });

  it('filters by status on the server when a count is clicked', async () => {
    const getOverview = jest.fn().mockResolvedValue(overview);
    await renderPage({ getOverview });
    await screen.findByText('Housing price regressor');
    const counts = screen.getByText('2 models').parentElement!;
    fireEvent.click(within(counts).getByText('In alert').closest('button')!);
    await waitFor(() =>
      expect(getOverview).toHaveBeenLastCalledWith({
        offset: 0,
        limit: 25,
        health: ['InAlert'],
      }),
    );
  });

  it('shows an empty table and backend errors', async () => {
    const { unmount } = await renderPage({
      getOverview: jest
        .fn()
        .mockResolvedValue({
          ...overview,
          items: [],
          totalCount: 0,
          healthCounts: {},
        }),
    });
    expect(await screen.findByText('0 models')).toBeInTheDocument();
    expect(screen.getByText('No records to display')).toBeInTheDocument();
    unmount();
    const error = await backendError(500, 'database unavailable');
    await renderPage({ getOverview: jest.fn().mockRejectedValue(error) });
    expect(
      (await screen.findAllByText(/database unavailable/)).length,
    ).toBeGreaterThan(0);
  });
});

describe('toOverviewQuery', () => {
  it('maps table paging, sorting and search plus filters to GET /overview parameters', () => {
    expect(
      toOverviewQuery(
        {
          page: 2,
          pageSize: 50,
          search: ' housing ',
          orderBy: { field: 'lastRunAt' },
          orderDirection: 'desc',
        },
        { source: ['sagemaker'], health: [], risk: ['High'] },
      ),
    ).toEqual({
      offset: 100,
      limit: 50,
      sort: 'lastRun',
      order: 'desc',
      q: 'housing',
      source: ['sagemaker'],
      risk: ['High'],
    });
  });
});
