import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { openObjectStore } from '@mlmon/monitor-engine';
import { readOnboardingRecord } from '@mlmon/plugin-catalog-backend-module-model-monitoring';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { onboardBuiltinModelAction } from '../actions/builtin/onboardBuiltinModelAction';

/** Test harness of the built-in onboarding action, shared by its test files. */
export const DEMO_DATA = path.resolve(__dirname, '../../../../demo/data');

interface Recorded {
  method: string;
  url: string;
  body: any;
}

/** A stand-in for the model-monitoring backend's HTTP API on loopback that records what it gets. */
export async function startBackend(status = 201) {
  const requests: Recorded[] = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', c => (text += c));
    req.on('end', () => {
      requests.push({ method: req.method!, url: req.url!, body: JSON.parse(text) });
      if (status >= 400) {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { name: 'NotAllowedError', message: 'not allowed to run jobs' } }));
        return;
      }
      res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { requests, server, baseUrl: `http://127.0.0.1:${port}/api/model-monitoring` };
}

/**
 * A temporary data root and scaffolder workspace per test, a recording backend, and the action
 * wired to them the way the module wires it (the catalog sees an entity once its record exists).
 */
export function onboardingHarness() {
  const h = {
    dir: '',
    workspace: '',
    backend: undefined as unknown as Awaited<ReturnType<typeof startBackend>>,
    action() {
      const config = mockServices.rootConfig({
        data: {
          modelMonitoring: {
            builtin: { dataRoot: path.join(h.dir, 'root') },
            onboarding: { datasetLocations: [DEMO_DATA] },
          },
        },
      });
      const store = openObjectStore(path.join(h.dir, 'root'));
      const catalog = catalogServiceMock.mock({
        getEntityByRef: async ref => {
          const name = String(ref).split('/').pop()!;
          const record = await readOnboardingRecord(store, name).catch(() => undefined);
          return record?.entity as any;
        },
      });
      return onboardBuiltinModelAction({
        config,
        auth: mockServices.auth(),
        discovery: { getBaseUrl: async () => h.backend.baseUrl, getExternalBaseUrl: async () => h.backend.baseUrl },
        catalog,
        entityPollMs: 10,
      });
    },
  };
  beforeEach(async () => {
    h.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlmon-onboard-'));
    h.workspace = path.join(h.dir, 'workspace');
    fs.mkdirSync(h.workspace);
    h.backend = await startBackend();
  });
  afterEach(() => {
    h.backend.server.close();
    fs.rmSync(h.dir, { recursive: true, force: true });
  });
  return h;
}
