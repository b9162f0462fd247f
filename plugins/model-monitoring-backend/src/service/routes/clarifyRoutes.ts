import { NotFoundError } from '@backstage/errors';
import type { MonitorType } from '@mlmon/plugin-model-monitoring-common';
import type { Request, Router } from 'express';
import { buildAttributionDrift } from '../buildAttributionDrift';
import { buildBiasDrift } from '../buildBiasDrift';
import { builtinClarifyInputs } from '../builtinClarifyInputs';
import { buildDriftContributors } from '../buildDriftContributors';
import type { ClarifyInputs } from '../clarifyInputs';
import { entityRequest, nameParam, parseRange, pickSchedule, type EntityRequest } from '../requestContext';
import type { RouteDeps } from './routeDeps';
import { sageMakerRequest } from './sageMakerRequest';

const ENTITY = '/entities/:namespace/:kind/:name';

/**
 * The entity (loaded with the caller's credentials) and the inputs of its source: the built-in
 * engine's stores, or SageMaker (CloudWatch series, S3 reports) for SageMaker-monitored entities.
 */
async function clarifyRequest(deps: RouteDeps, req: Request): Promise<{ request: EntityRequest; inputs: ClarifyInputs }> {
  const entity = await entityRequest(deps, req);
  if (entity.annotations.source === 'sagemaker') {
    const sm = await sageMakerRequest(deps.sagemaker, entity);
    return { request: sm.request, inputs: sm.source.clarifyInputs(sm.request) };
  }
  return { request: entity, inputs: builtinClarifyInputs(entity, deps) };
}

/** The schedule of a Clarify route: the one asked for, else the model's first of that type. */
async function clarifySchedule(request: EntityRequest, inputs: ClarifyInputs, asked: string | undefined, type: MonitorType): Promise<string> {
  if (asked !== undefined) return pickSchedule(request, asked);
  const found = (await inputs.schedules()).find(s => s.monitorType === type)?.name;
  if (!found) throw new NotFoundError(`${request.entityRef} has no ${type} monitoring schedule`);
  return found;
}

/**
 * Bias drift, feature-attribution drift and "features to look at first" (types in
 * @mlmon/plugin-model-monitoring-common api/clarify.ts), for either source. Every route loads the
 * entity with the caller's credentials first (404 when the caller may not read it), as the other
 * series routes.
 */
export function addClarifyRoutes(router: Router, deps: RouteDeps): void {
  router.get(`${ENTITY}/bias`, async (req, res) => {
    const { request, inputs } = await clarifyRequest(deps, req);
    const schedule = await clarifySchedule(request, inputs, nameParam(req.query, 'schedule'), 'ModelBias');
    res.json(await buildBiasDrift(request.entityRef, schedule, parseRange(req.query), inputs));
  });

  router.get(`${ENTITY}/attribution`, async (req, res) => {
    const { request, inputs } = await clarifyRequest(deps, req);
    const schedule = await clarifySchedule(request, inputs, nameParam(req.query, 'schedule'), 'ModelExplainability');
    res.json(await buildAttributionDrift(request.entityRef, schedule, parseRange(req.query), inputs));
  });

  router.get(`${ENTITY}/drift-contributors`, async (req, res) => {
    const { request, inputs } = await clarifyRequest(deps, req);
    res.json(await buildDriftContributors(request.entityRef, inputs));
  });
}
