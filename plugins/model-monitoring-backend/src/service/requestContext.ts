import type {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult, type ResourcePermission } from '@backstage/plugin-permission-common';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { Request } from 'express';
import { z } from 'zod';
import type { BuiltinModels } from '../builtin/BuiltinModels';
import type { BuiltinModel } from '../config/builtinConfig';
import { loadMonitoredEntity, type MonitoredEntity } from './loadMonitoredEntity';

/** A request for one entity's data, authorized: the caller may read the entity. */
export interface EntityRequest extends MonitoredEntity {
  credentials: BackstageCredentials;
  /** Built-in source: the model registered for this very entity. */
  builtinModel?: BuiltinModel;
  /** Schedule names: the annotation's, else the built-in model's. */
  scheduleNames: string[];
}

export interface RequestDeps {
  httpAuth: HttpAuthService;
  catalog: CatalogService;
  permissions: PermissionsService;
  builtinModels: BuiltinModels;
}

/**
 * Authenticates the caller and loads the entity through the catalog with the caller's
 * credentials before anything else. A built-in endpoint only counts when it is registered for
 * this entity: annotating one's own entity with another team's endpoint reveals nothing.
 */
export async function entityRequest(deps: RequestDeps, req: Request): Promise<EntityRequest> {
  const credentials = await deps.httpAuth.credentials(req, { allow: ['user', 'service'] });
  const monitored = await loadMonitoredEntity(deps.catalog, credentials, {
    namespace: req.params.namespace,
    kind: req.params.kind,
    name: req.params.name,
  });
  let builtinModel: BuiltinModel | undefined;
  if (monitored.annotations.source === 'builtin') {
    const model = await deps.builtinModels.byEndpoint(monitored.annotations.endpointName);
    if (model && model.entityRef === monitored.entityRef) builtinModel = model;
  }
  const scheduleNames = monitored.annotations.schedules.length
    ? monitored.annotations.schedules
    : builtinModel?.schedules.map(s => s.name) ?? [];
  return { ...monitored, credentials, builtinModel, scheduleNames };
}

/** Throws NotAllowedError unless the caller holds the permission on this entity. */
export async function requirePermission(
  permissions: PermissionsService,
  request: EntityRequest,
  permission: ResourcePermission<'catalog-entity'>,
): Promise<void> {
  const [decision] = await permissions.authorize(
    [{ permission, resourceRef: request.entityRef }],
    { credentials: request.credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(`You may not ${permission.name} for ${request.entityRef}`);
  }
}

/** Resolves the schedule a series route reads: the one asked for (must belong to the model). */
export function pickSchedule(request: EntityRequest, asked: string | undefined, prefer?: string): string {
  if (asked !== undefined) {
    if (!request.scheduleNames.includes(asked)) {
      throw new NotFoundError(`${request.entityRef} has no monitoring schedule "${asked}"`);
    }
    return asked;
  }
  const preferred = prefer
    ? request.builtinModel?.schedules.find(s => s.monitorType === prefer)?.name
    : undefined;
  const first = preferred ?? request.scheduleNames[0];
  if (!first) throw new NotFoundError(`${request.entityRef} has no monitoring schedules`);
  return first;
}

const MAX_RANGE_MS = 400 * 86_400_000;
const isoDate = z.iso.datetime({ offset: true });

/** `from`/`to` query parameters: validated dates, default the last 7 days, at most 400 days. */
export function parseRange(query: Request['query']): { from: Date; to: Date } {
  const parsed = z
    .object({ from: isoDate.optional(), to: isoDate.optional() })
    .safeParse({ from: query.from, to: query.to });
  if (!parsed.success) {
    throw new InputError(`Query parameter ${parsed.error.issues[0].path.join('.')}: must be an ISO-8601 date-time`);
  }
  const to = parsed.data.to ? new Date(parsed.data.to) : new Date();
  const from = parsed.data.from ? new Date(parsed.data.from) : new Date(to.getTime() - 7 * 86_400_000);
  if (from >= to) throw new InputError('Query parameter from must be before to');
  if (to.getTime() - from.getTime() > MAX_RANGE_MS) throw new InputError('The range may span at most 400 days');
  return { from, to };
}

/** A single optional string query parameter, refused when repeated or not a name. */
export function nameParam(query: Request['query'], key: string): string | undefined {
  const value = query[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/.test(value)) {
    throw new InputError(`Query parameter ${key}: must be a name of letters, digits and hyphens`);
  }
  return value;
}
