import { InputError, NotFoundError } from '@backstage/errors';
import {
  MODEL_HEALTH_STATES,
  MODEL_RISK_RATINGS,
  OVERVIEW_SORT_FIELDS,
  modelMonitoringJobRunPermission,
  type BuiltinModelRegistration,
  type RegisterBuiltinModelRequest,
} from '@mlmon/plugin-model-monitoring-common';
import type { Router } from 'express';
import { z } from 'zod';
import { prepareJson, sendPrepared } from '../preparedJson';
import { requirePermission } from '../requestContext';
import { TtlCache } from '../TtlCache';
import type { RouteDeps } from './routeDeps';

const list = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .string()
    .transform(v => v.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)).max(values.length));

const overviewQuerySchema = z.object({
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  sort: z.enum(OVERVIEW_SORT_FIELDS).default('health'),
  order: z.enum(['asc', 'desc']).default('asc'),
  source: list(['builtin', 'sagemaker'] as const).optional(),
  health: list(MODEL_HEALTH_STATES as unknown as readonly ['InAlert', ...Array<(typeof MODEL_HEALTH_STATES)[number]>]).optional(),
  risk: list(MODEL_RISK_RATINGS as unknown as readonly ['High', ...Array<(typeof MODEL_RISK_RATINGS)[number]>]).optional(),
  owner: z.string().max(255).optional(),
  q: z.string().max(100).optional(),
});

type OverviewQueryParams = z.infer<typeof overviewQuerySchema>;

// Overview answers, serialized. Keyed by the caller's visible set (never the caller alone, never
// before the catalog answered for the caller), the snapshots' version (a write here drops every
// answer) and the normalized query. The time to live bounds how long a snapshot written by
// another replica goes unseen.
const RESPONSE_TTL_MS = 10_000;
const RESPONSE_CACHE_ENTRIES = 500;

/** The same page asked in other words (`health=OK,InAlert` vs `health=InAlert,OK`) is one key. */
function normalizedQuery(q: OverviewQueryParams): string {
  const set = (values?: string[]) => (values?.length ? [...new Set(values)].sort().join(',') : '');
  return [q.offset, q.limit, q.sort, q.order, set(q.source), set(q.health), set(q.risk), q.owner ?? '', q.q?.toLocaleLowerCase('en-US') ?? ''].join('\u0000');
}

/** GET /overview and the built-in onboarding routes (/models). */
export function addOverviewRoutes(router: Router, deps: RouteDeps): void {
  const responses = new TtlCache<ReturnType<typeof prepareJson>>(RESPONSE_TTL_MS, RESPONSE_CACHE_ENTRIES);

  router.get('/overview', async (req, res) => {
    const credentials = await deps.httpAuth.credentials(req, { allow: ['user', 'service'] });
    const parsed = overviewQuerySchema.safeParse(req.query);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InputError(`Query parameter ${issue.path.join('.')}: ${issue.message}`);
    }
    // What the caller may read, as the catalog answers with the caller's credentials (kept
    // briefly per caller): the snapshot query is then limited to those entity refs. Only then
    // is the response cache consulted, under the identity of that set.
    const visible = await deps.visibleEntities.among(credentials, req.headers.authorization, () => deps.snapshots.refs());
    const key = `${visible.id}\u0000${deps.snapshots.version}\u0000${normalizedQuery(parsed.data)}`;
    const prepared = await responses.getOrLoad(key, async () => prepareJson(await deps.snapshots.query(parsed.data, visible.refs)));
    sendPrepared(res, prepared);
  });

  router.post('/models', async (req, res) => {
    const credentials = await deps.httpAuth.credentials(req, { allow: ['user', 'service'] });
    const body = req.body as RegisterBuiltinModelRequest;
    const model = deps.builtinModels.resolve(body);
    const entity = await deps.catalog.getEntityByRef(model.entityRef, { credentials });
    if (!entity) throw new NotFoundError(`Entity ${model.entityRef} was not found`);
    const existing = await deps.builtinModels.byEndpoint(model.endpointName);
    if (existing && existing.entityRef !== model.entityRef) {
      throw new InputError(`Endpoint ${model.endpointName} is already registered for ${existing.entityRef}`);
    }
    await requirePermission(
      deps.permissions,
      { credentials, entityRef: model.entityRef } as Parameters<typeof requirePermission>[1],
      modelMonitoringJobRunPermission,
    );
    await deps.registry.upsert(body, principalName(credentials.principal));
    const response: BuiltinModelRegistration = { ...body, origin: 'registry', registeredAt: new Date().toISOString() };
    res.status(201).json(response);
  });
}

function principalName(principal: unknown): string {
  const p = principal as { userEntityRef?: string; subject?: string } | undefined;
  return p?.userEntityRef ?? p?.subject ?? 'unknown';
}
