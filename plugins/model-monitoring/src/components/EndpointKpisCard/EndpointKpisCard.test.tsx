import { screen } from '@testing-library/react';
import { NOW, traffic, unmonitoredEntity } from '../../__testUtils__/fixtures';
import {
  backendError,
  pending,
  renderForEntity,
} from '../../__testUtils__/renderForEntity';
import { EndpointKpisCard } from './EndpointKpisCard';
import { summarizeTraffic } from './summarizeTraffic';

beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(NOW));
afterEach(() => jest.restoreAllMocks());

describe('EndpointKpisCard', () => {
  it('asks for the last day and shows invocations, errors and latency percentiles', async () => {
    const getTraffic = jest.fn().mockResolvedValue(traffic);
    await renderForEntity(<EndpointKpisCard />, { getTraffic });
    expect(await screen.findByText('4K')).toBeInTheDocument();
    expect(screen.getByText('6')).toBeInTheDocument();
    expect(screen.getByText('0.2% of calls')).toBeInTheDocument();
    expect(screen.getByText('10 ms')).toBeInTheDocument();
    expect(screen.getByText('95 ms')).toBeInTheDocument();
    expect(getTraffic).toHaveBeenCalledWith(expect.anything(), {
      from: '2026-11-21T12:00:00.000Z',
      to: '2026-11-22T12:00:00.000Z',
    });
  });

  it('says so when the endpoint had no traffic', async () => {
    await renderForEntity(<EndpointKpisCard />, {
      getTraffic: jest.fn().mockResolvedValue({ ...traffic, invocations: [] }),
    });
    expect(
      await screen.findByText('No traffic in the last day'),
    ).toBeInTheDocument();
  });

  it('shows CloudWatch problems beside the data it did get', async () => {
    await renderForEntity(<EndpointKpisCard />, {
      getTraffic: jest.fn().mockResolvedValue({
        ...traffic,
        sourceErrors: [
          { source: 'cloudwatch', code: 429, message: 'Rate exceeded' },
        ],
      }),
    });
    expect(
      await screen.findByText(/cloudwatch \(429\): Rate exceeded/),
    ).toBeInTheDocument();
  });

  it('shows progress, the missing annotation and errors', async () => {
    const first = await renderForEntity(<EndpointKpisCard />, {
      getTraffic: pending,
    });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    first.unmount();
    const getTraffic = jest.fn();
    const second = await renderForEntity(
      <EndpointKpisCard />,
      { getTraffic },
      unmonitoredEntity,
    );
    expect(screen.getAllByText(/mlmon.dev\/endpoint/).length).toBeGreaterThan(
      0,
    );
    expect(getTraffic).not.toHaveBeenCalled();
    second.unmount();
    const error = await backendError(503, 'CloudWatch unavailable');
    await renderForEntity(<EndpointKpisCard />, {
      getTraffic: jest.fn().mockRejectedValue(error),
    });
    expect(
      (await screen.findAllByText(/CloudWatch unavailable/)).length,
    ).toBeGreaterThan(0);
  });
});

describe('summarizeTraffic', () => {
  it('falls back to averages for p50 when the source has no percentiles', () => {
    const kpis = summarizeTraffic({
      ...traffic,
      latencyP50Ms: undefined,
      latencyP99Ms: undefined,
    });
    expect(kpis.latencyP50Ms).toBe(12);
    expect(kpis.p50FromAverages).toBe(true);
    expect(kpis.latencyP99Ms).toBeUndefined();
  });
});
