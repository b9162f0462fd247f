import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_ENDPOINT,
  InvalidAnnotationError,
  MonitoringAnnotations,
  parseMonitoringAnnotations,
} from '@mlmon/plugin-model-monitoring-common';

/** An entity the caller may read, with its validated monitoring annotations. */
export interface MonitoredEntity {
  entity: Entity;
  entityRef: string;
  annotations: MonitoringAnnotations;
}

/**
 * Loads an entity through the catalog *with the caller's credentials*, so catalog read
 * permissions decide what the caller may see: an entity the caller may not read is reported as
 * not found, exactly as the catalog itself does. Every entity-scoped route starts here, before
 * any data (cached or not) is touched.
 */
export async function loadMonitoredEntity(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  ref: { namespace: string; kind: string; name: string },
): Promise<MonitoredEntity> {
  const entity = await catalog.getEntityByRef(ref, { credentials });
  const entityRef = stringifyEntityRef(ref);
  if (!entity) {
    throw new NotFoundError(`Entity ${entityRef} was not found`);
  }
  let annotations: MonitoringAnnotations | undefined;
  try {
    annotations = parseMonitoringAnnotations(entity);
  } catch (error) {
    if (error instanceof InvalidAnnotationError) {
      throw new InputError(`Entity ${entityRef}: ${error.message}`);
    }
    throw error;
  }
  if (!annotations) {
    throw new NotFoundError(
      `Entity ${entityRef} is not monitored: it has no ${ANNOTATION_ENDPOINT} annotation`,
    );
  }
  return { entity, entityRef: stringifyEntityRef(entity), annotations };
}
