import { mockServices } from '@backstage/backend-test-utils';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { backfillDemoHistory } from './demoBackfill';

describe('backfillDemoHistory', () => {
  it('posts a backfill per schedule with a service token, retrying while the entity is not in the catalog yet', async () => {
    const requests: Array<{ url: string; auth?: string; body: unknown }> = [];
    let notFoundOnce = true;
    const server = http.createServer((req, res) => {
      let text = '';
      req.on('data', c => (text += c));
      req.on('end', () => {
        requests.push({ url: req.url!, auth: req.headers.authorization, body: JSON.parse(text) });
        if (notFoundOnce) {
          notFoundOnce = false;
          res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
          return;
        }
        res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ windowsQueued: 96 }));
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const queued = await backfillDemoHistory(
        [
          { entityRef: 'component:default/income-classifier', scheduleName: 'income-classifier-data-quality' },
          { entityRef: 'component:default/income-classifier', scheduleName: 'income-classifier-model-quality' },
        ],
        new Date('2026-11-16T10:00:00Z'),
        new Date('2026-11-20T10:00:00Z'),
        {
          auth: mockServices.auth(),
          discovery: { getBaseUrl: async () => `http://127.0.0.1:${port}/api/model-monitoring`, getExternalBaseUrl: async () => '' },
          logger: mockServices.logger.mock(),
          retryDelayMs: 10,
        },
      );
      expect(queued).toBe(192);
      expect(requests).toHaveLength(3);
      expect(requests[0].url).toBe('/api/model-monitoring/entities/default/component/income-classifier/runs');
      expect(requests[0].auth).toMatch(/^Bearer /);
      expect(requests[2].body).toEqual({
        scheduleName: 'income-classifier-model-quality',
        backfill: { from: '2026-11-16T09:00:00.000Z', to: '2026-11-20T10:00:00.000Z' },
      });
    } finally {
      server.close();
    }
  });
});
