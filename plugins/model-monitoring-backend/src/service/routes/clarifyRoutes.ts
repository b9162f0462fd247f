import { NotFoundError } from '@backstage/errors';
import type { MonitorType } from '@mlmon/plugin-model-monitoring-common';
import type { Router } from 'express';
import { buildAttributionDrift } from '../buildAttributionDrift';
import { buildBiasDrift } from '../buildBiasDrift';
import { buildDriftContributors } from '../buildDriftContributors';
import { entityRequest, nameParam, parseRange, pickSchedule, type EntityRequest } from '../requestContext';
import type { RouteDeps } from './routeDeps';

const ENTITY = '/entities/:namespace/:kind/:name';

/**
 * The SageMaker source does not serve Clarify history yet: its bias and explainability reports
 * would have to be listed execution by execution from S3. Said plainly rather than answered empty.
 */
function refuseSageMaker(request: EntityRequest, what: string): void {
  if (request.annotations.source === 'sagemaker') {
    throw new NotFoundError(`${what} is not available for SageMaker-monitored entities yet (${request.entityRef}); it is served for models of the built-in engine`);
  }
}

/** The schedule of a Clarify route: the one asked for, else the model's first of that type. */
function clarifySchedule(request: EntityRequest, asked: string | undefined, type: MonitorType): string {
  if (asked !== undefined) return pickSchedule(request, asked);
  const found = request.builtinModel?.schedules.find(s => s.monitorType === type)?.name;
  if (!found) throw new NotFoundError(`${request.entityRef} has no ${type} monitoring schedule`);
  return found;
}

/**
 * Bias drift, feature-attribution drift and "features to look at first" (types in
 * @mlmon/plugin-model-monitoring-common api/clarify.ts). Every route loads the entity with the
 * caller's credentials first (404 when the caller may not read it), as the other series routes.
 */
export function addClarifyRoutes(router: Router, deps: RouteDeps): void {
  router.get(`${ENTITY}/bias`, async (req, res) => {
    const request = await entityRequest(deps, req);
    refuseSageMaker(request, 'Bias drift');
    const schedule = clarifySchedule(request, nameParam(req.query, 'schedule'), 'ModelBias');
    res.json(await buildBiasDrift(request, schedule, parseRange(req.query), deps));
  });

  router.get(`${ENTITY}/attribution`, async (req, res) => {
    const request = await entityRequest(deps, req);
    refuseSageMaker(request, 'Feature-attribution drift');
    const schedule = clarifySchedule(request, nameParam(req.query, 'schedule'), 'ModelExplainability');
    res.json(await buildAttributionDrift(request, schedule, parseRange(req.query), deps));
  });

  router.get(`${ENTITY}/drift-contributors`, async (req, res) => {
    const request = await entityRequest(deps, req);
    refuseSageMaker(request, 'Drift contributors');
    res.json(await buildDriftContributors(request, deps));
  });
}
