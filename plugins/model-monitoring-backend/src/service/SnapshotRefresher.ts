import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { parseEntityRef, stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_ENDPOINT,
  parseMonitoringAnnotations,
  type ModelHealth,
  type ModelMonitoringSummary,
  type MonitorType,
} from '@mlmon/plugin-model-monitoring-common';
import type { BuiltinModels } from '../builtin/BuiltinModels';
import type { AlertStore } from '../database/AlertStore';
import type { ExecutionStore } from '../database/ExecutionStore';
import type { SnapshotStore } from '../database/SnapshotStore';
import { modelHealth } from './deriveHealth';
import type { SageMakerSource } from '../sagemaker/SageMakerSource';

/**
 * Keeps one status row per monitored entity: after each execution for that model, and for all
 * of them on a schedule (entities come and go in the catalog; SageMaker models change on AWS).
 */
export class SnapshotRefresher {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      executions: ExecutionStore;
      alerts: AlertStore;
      snapshots: SnapshotStore;
      builtinModels: BuiltinModels;
      logger: LoggerService;
      /** Asked here, on the refresh schedule, so an overview page view never calls AWS. */
      sagemaker?: SageMakerSource;
    },
  ) {}

  private async monitoredEntities(): Promise<Entity[]> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const { items } = await this.deps.catalog.getEntities(
      {
        filter: { [`metadata.annotations.${ANNOTATION_ENDPOINT}`]: CATALOG_FILTER_EXISTS },
        fields: ['kind', 'metadata', 'spec.owner'],
      },
      { credentials },
    );
    return items;
  }

  /** Refreshes one entity's row (after an execution). */
  async refreshEntity(entityRef: string): Promise<void> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const entity = await this.deps.catalog.getEntityByRef(entityRef, { credentials });
    if (entity) await this.refresh(entity);
  }

  /** Refreshes every monitored entity and drops rows of entities that are gone. */
  async refreshAll(): Promise<number> {
    const entities = await this.monitoredEntities();
    const refs: string[] = [];
    for (const entity of entities) {
      try {
        await this.refresh(entity);
        refs.push(stringifyEntityRef(entity));
      } catch (error) {
        this.deps.logger.warn(
          `Status of ${stringifyEntityRef(entity)} not refreshed: ${(error as Error).message}`,
        );
      }
    }
    await this.deps.snapshots.removeExcept(refs);
    return refs.length;
  }

  private async refresh(entity: Entity): Promise<void> {
    const entityRef = stringifyEntityRef(entity);
    const annotations = parseMonitoringAnnotations(entity);
    if (!annotations) return;
    const latest = await this.deps.executions.latestPerSchedule(entityRef);
    const states = await this.deps.alerts.states(entityRef);
    const coverage = new Set<MonitorType>(latest.map(e => e.monitorType));
    if (annotations.source === 'builtin') {
      const model = await this.deps.builtinModels.byEndpoint(annotations.endpointName);
      if (model && model.entityRef === entityRef) {
        model.schedules.forEach(s => coverage.add(s.monitorType));
      }
    }
    let lastRun = latest.map(e => e.windowEnd).sort().at(-1);
    let health = modelHealth(latest, states);
    let riskRating = annotations.riskRatingOverride ?? 'Unknown';
    if (annotations.source === 'sagemaker' && this.deps.sagemaker) {
      const summary = await this.deps.sagemaker.summary({
        entity,
        entityRef,
        annotations,
        credentials: await this.deps.auth.getOwnServiceCredentials(),
        scheduleNames: annotations.schedules,
      });
      summary.monitors.forEach(m => coverage.add(m.monitorType));
      lastRun = summary.monitors.map(m => m.lastExecution?.windowEnd ?? '').filter(Boolean).sort().at(-1) ?? lastRun;
      health = sageMakerHealth(summary, states.some(s => s.status === 'InAlert'));
      riskRating = summary.riskRating;
    }
    await this.deps.snapshots.upsert({
      entityRef,
      title: entity.metadata.title ?? entity.metadata.name,
      owner: ownerRef(entity),
      source: annotations.source,
      endpointName: annotations.endpointName,
      health,
      riskRating,
      lastRunAt: lastRun,
      openAlerts: states.filter(s => s.status === 'InAlert').length,
      coverage: [...coverage].sort(),
      updatedAt: new Date().toISOString(),
    });
  }
}

/** The owner as a full entity ref (`group:default/team-a`), so the owner filter matches exactly. */
function ownerRef(entity: Entity): string | undefined {
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, { defaultKind: 'group', defaultNamespace: entity.metadata.namespace ?? 'default' }),
    );
  } catch {
    return undefined;
  }
}

/** Health of a SageMaker-monitored model: an open alert wins; a source that could not be asked at all is Unknown, not NoData. */
function sageMakerHealth(summary: ModelMonitoringSummary, inAlert: boolean): ModelHealth {
  if (inAlert) return 'InAlert';
  const unreachable = summary.errors?.some(e => e.source === 'sagemaker') && !summary.monitors.some(m => m.lastExecution);
  if (unreachable) return 'Unknown';
  return summary.health ?? 'NoData';
}
