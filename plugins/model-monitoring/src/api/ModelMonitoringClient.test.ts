import { ResponseError } from '@backstage/errors';
import { ModelMonitoringClient, queryString } from './ModelMonitoringClient';

const entity = {
  kind: 'Component',
  namespace: 'default',
  name: 'Housing-Price',
};

function clientAnswering(status: number, body: unknown) {
  const calls: string[] = [];
  const client = new ModelMonitoringClient({
    discoveryApi: {
      getBaseUrl: async () => 'http://backend/api/model-monitoring',
    },
    fetchApi: {
      fetch: async (input: RequestInfo | URL) => {
        calls.push(String(input));
        return new Response(JSON.stringify(body), {
          status,
          headers: { 'content-type': 'application/json' },
        });
      },
    },
  });
  return { client, calls };
}

describe('ModelMonitoringClient', () => {
  it('builds entity-scoped URLs with lower-cased, encoded refs and query parameters', async () => {
    const { client, calls } = clientAnswering(200, { ok: true });
    await client.getDrift(entity, {
      from: '2026-11-01T00:00:00.000Z',
      features: ['median_income', 'house age'],
      maxPoints: 300,
    });
    await client.getFeatureStatistics(entity, 'a/b', {
      windowEnd: '2026-11-02T00:00:00.000Z',
    });
    await client.getOverview({
      health: ['InAlert', 'Violations'],
      q: 'housing',
      offset: 0,
    });
    expect(calls).toEqual([
      'http://backend/api/model-monitoring/entities/default/component/housing-price/drift?from=2026-11-01T00%3A00%3A00.000Z&features=median_income%2Chouse+age&maxPoints=300',
      'http://backend/api/model-monitoring/entities/default/component/housing-price/features/a%2Fb?windowEnd=2026-11-02T00%3A00%3A00.000Z',
      'http://backend/api/model-monitoring/overview?health=InAlert%2CViolations&q=housing&offset=0',
    ]);
  });

  it('throws a ResponseError carrying the status and message of the backend', async () => {
    const { client } = clientAnswering(403, {
      error: { name: 'NotAllowedError', message: 'not allowed to embed' },
      response: { statusCode: 403 },
    });
    const failure = await client.getDashboardEmbed(entity).catch(e => e);
    expect(failure).toBeInstanceOf(ResponseError);
    expect((failure as ResponseError).statusCode).toBe(403);
    expect((failure as ResponseError).body.error.message).toBe(
      'not allowed to embed',
    );
  });

  it('downloads reports only from paths under the plugin base URL', async () => {
    const { client, calls } = clientAnswering(200, { violations: [] });
    const blob = await client.getReport(
      '/entities/default/component/x/reports?file=constraint_violations.json',
    );
    expect(JSON.parse(await blob.text())).toEqual({ violations: [] });
    expect(calls).toEqual([
      'http://backend/api/model-monitoring/entities/default/component/x/reports?file=constraint_violations.json',
    ]);
    await expect(client.getReport('https://evil.example/x')).rejects.toThrow(
      /not a path/,
    );
  });

  it('asks the bias, attribution and drift-contributor routes of the entity', async () => {
    const { client, calls } = clientAnswering(200, { items: [] });
    await client.getBias(entity, {
      from: '2026-11-01T00:00:00.000Z',
      schedule: 'adult-bias',
    });
    await client.getAttribution(entity);
    const contributors = await client.getDriftContributors(entity);
    expect(contributors).toEqual({ items: [] });
    expect(calls).toEqual([
      'http://backend/api/model-monitoring/entities/default/component/housing-price/bias?from=2026-11-01T00%3A00%3A00.000Z&schedule=adult-bias',
      'http://backend/api/model-monitoring/entities/default/component/housing-price/attribution',
      'http://backend/api/model-monitoring/entities/default/component/housing-price/drift-contributors',
    ]);
  });

  it('leaves out empty values and empty lists', () => {
    expect(queryString({ a: undefined, b: '', c: [], d: 3 })).toBe('?d=3');
    expect(queryString({})).toBe('');
  });
});

describe('ModelMonitoringClient actions', () => {
  function recordingClient(body: unknown) {
    const requests: { url: string; method: string; body?: unknown }[] = [];
    const client = new ModelMonitoringClient({
      discoveryApi: {
        getBaseUrl: async () => 'http://backend/api/model-monitoring',
      },
      fetchApi: {
        fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
          requests.push({
            url: String(input),
            method: init?.method ?? 'GET',
            body: init?.body ? JSON.parse(String(init.body)) : undefined,
          });
          return new Response(JSON.stringify(body), {
            status: init?.method === 'POST' ? 202 : 200,
            headers: { 'content-type': 'application/json' },
          });
        },
      },
    });
    return { client, requests };
  }

  it('POSTs acknowledgements and runs as JSON and polls runs by id', async () => {
    const { client, requests } = recordingClient({ runId: 'r 1' });
    await client.acknowledgeAlert(entity, 'dq/violations');
    await client.acknowledgeAlert(entity, 'dq', 'looking into it');
    const started = await client.startRun(entity, {
      scheduleName: 'housing-dq',
      force: true,
    });
    await client.getRun(entity, started.runId);
    const base =
      'http://backend/api/model-monitoring/entities/default/component/housing-price';
    expect(requests).toEqual([
      {
        url: `${base}/alerts/dq%2Fviolations/acknowledge`,
        method: 'POST',
        body: {},
      },
      {
        url: `${base}/alerts/dq/acknowledge`,
        method: 'POST',
        body: { comment: 'looking into it' },
      },
      {
        url: `${base}/runs`,
        method: 'POST',
        body: { scheduleName: 'housing-dq', force: true },
      },
      { url: `${base}/runs/r%201`, method: 'GET', body: undefined },
    ]);
  });

  it('throws the backend refusal of an action as a ResponseError', async () => {
    const client = new ModelMonitoringClient({
      discoveryApi: { getBaseUrl: async () => 'http://backend' },
      fetchApi: {
        fetch: async () =>
          new Response(
            JSON.stringify({
              error: { name: 'NotAllowedError', message: 'no runs for you' },
              response: { statusCode: 403 },
            }),
            { status: 403, headers: { 'content-type': 'application/json' } },
          ),
      },
    });
    const failure = await client
      .startRun(entity, { scheduleName: 's' })
      .catch(e => e);
    expect((failure as ResponseError).statusCode).toBe(403);
    expect((failure as ResponseError).body.error.message).toBe(
      'no runs for you',
    );
  });
});
