import type { HttpAuthService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import express from 'express';
import Router from 'express-promise-router';
import type { ExecutionStore } from '../database/ExecutionStore';
import { buildSummary } from './buildSummary';
import { loadMonitoredEntity } from './loadMonitoredEntity';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  catalog: CatalogService;
  executions: ExecutionStore;
}

/**
 * The plugin's REST API. Errors thrown here become Backstage ResponseError JSON through the
 * backend's root error middleware (NotFoundError → 404, InputError → 400, …).
 */
export async function createRouter(options: RouterOptions): Promise<express.Router> {
  const { httpAuth, catalog, executions } = options;
  const router = Router();
  router.use(express.json());

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/entities/:namespace/:kind/:name/summary', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const monitored = await loadMonitoredEntity(catalog, credentials, req.params);
    const latest = await executions.latestPerSchedule(monitored.entityRef);
    res.json(buildSummary(monitored, latest));
  });

  return router;
}
