import express from 'express';
import Router from 'express-promise-router';
import { addActionRoutes } from './routes/actionRoutes';
import { addOverviewRoutes } from './routes/overviewRoutes';
import { addReadRoutes } from './routes/readRoutes';
import type { RouteDeps } from './routes/routeDeps';
import { addTrafficRoute } from './routes/trafficRoute';
import { addPredictionsRoute } from './routes/predictionsRoute';
import { addClarifyRoutes } from './routes/clarifyRoutes';
import { toRouteError } from '../sagemaker/awsErrors';

export type RouterOptions = RouteDeps;

/**
 * The plugin's REST API (types and paths in @mlmon/plugin-model-monitoring-common api.ts).
 * Errors thrown here become Backstage ResponseError JSON through the backend's root error
 * middleware (NotFoundError → 404, InputError → 400, NotAllowedError → 403, …).
 */
export async function createRouter(options: RouterOptions): Promise<express.Router> {
  const router = Router();
  router.use(express.json({ limit: '256kb' }));

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  addReadRoutes(router, options);
  addActionRoutes(router, options);
  addOverviewRoutes(router, options);
  addTrafficRoute(router, options);
  addPredictionsRoute(router, options);
  addClarifyRoutes(router, options);
  // AWS SDK errors carry no HTTP status the error middleware knows: give them api.ts's 502/503/504.
  router.use((error: unknown, _req: express.Request, _res: express.Response, next: express.NextFunction) => {
    next(toRouteError(error));
  });
  return router;
}
