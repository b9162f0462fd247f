import { InputError } from '@backstage/errors';
import type { TrafficResponse } from '@mlmon/plugin-model-monitoring-common';
import type { Router } from 'express';
import { z } from 'zod';
import { entityRequest, parseRange } from '../requestContext';
import type { RouteDeps } from './routeDeps';
import { sageMakerRequest } from './sageMakerRequest';

const MAX_POINTS = 500;

/** The period asked for, else the smallest whole minute that keeps the series within 500 points. */
export function trafficPeriod(range: { from: Date; to: Date }, asked: unknown): number {
  if (asked !== undefined) {
    const parsed = z.coerce.number().int().min(60).max(86_400).multipleOf(60).safeParse(asked);
    if (!parsed.success) throw new InputError('Query parameter period: seconds, a multiple of 60 between 60 and 86400');
    return parsed.data;
  }
  const seconds = (range.to.getTime() - range.from.getTime()) / 1000;
  return Math.min(86_400, Math.max(60, Math.ceil(seconds / MAX_POINTS / 60) * 60));
}

/** GET /entities/:namespace/:kind/:name/traffic — endpoint invocations, errors and latency. */
export function addTrafficRoute(router: Router, deps: RouteDeps): void {
  router.get('/entities/:namespace/:kind/:name/traffic', async (req, res) => {
    const entity = await entityRequest(deps, req);
    const range = parseRange(req.query);
    const periodSeconds = trafficPeriod(range, req.query.period);
    if (entity.annotations.source === 'sagemaker') {
      const sm = await sageMakerRequest(deps.sagemaker, entity);
      res.json(await sm.source.traffic(sm.request, range, periodSeconds));
      return;
    }
    // The built-in engine sees captured records only: no latency or HTTP status is captured, and
    // counting records would mean reading every capture file of the range on each page view.
    const body: TrafficResponse = {
      entityRef: entity.entityRef,
      range: { from: range.from.toISOString(), to: range.to.toISOString() },
      periodSeconds,
      invocations: [],
      errors4xx: [],
      errors5xx: [],
      latencyAvgMs: [],
      sourceErrors: [
        {
          source: 'capture',
          code: 404,
          message: 'Traffic and latency are not available for built-in endpoints: capture records carry no latency or status; use the serving platform\'s metrics',
        },
      ],
    };
    res.json(body);
  });
}
