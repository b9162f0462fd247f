import type { LoggerService, SchedulerServiceTaskRunner } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  type Entity,
} from '@backstage/catalog-model';
import type { EntityProvider, EntityProviderConnection } from '@backstage/plugin-catalog-node';
import type { ObjectStore } from '@mlmon/monitor-engine';
import { listOnboardingRecords, onboardingRecordKeyOf, type OnboardingRecord } from './onboardingRecords';

/**
 * Emits a catalog entity for every model onboarded through the scaffolder, to the built-in
 * engine or to SageMaker Model Monitor (the records under `{dataRoot}/onboarding/models/`), so
 * an onboarded model appears in the catalog without a Git host. A full mutation each run: a removed record removes its entity.
 */
export class OnboardedModelEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  constructor(
    private readonly store: ObjectStore,
    private readonly taskRunner: SchedulerServiceTaskRunner,
    private readonly logger: LoggerService,
  ) {}

  getProviderName(): string {
    return 'model-monitoring-onboarded-models';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async () => {
        try {
          await this.refresh();
        } catch (error) {
          this.logger.error(`Could not read the onboarded models in ${this.store.url}: ${error}`);
        }
      },
    });
  }

  /** Reads the records and replaces the provider's entities; returns how many it emitted. */
  async refresh(): Promise<number> {
    if (!this.connection) throw new Error('The onboarded-model provider is not connected yet');
    const { records, problems } = await listOnboardingRecords(this.store);
    for (const problem of problems) this.logger.warn(`Skipping an onboarded model: ${problem}`);
    const entities = records.map(record => ({
      entity: this.toEntity(record),
      locationKey: this.locationOf(record),
    }));
    await this.connection.applyMutation({ type: 'full', entities });
    return entities.length;
  }

  private locationOf(record: OnboardingRecord): string {
    return `mlmon-onboarding:${this.store.url.replace(/\/+$/, '')}/${onboardingRecordKeyOf(record)}`;
  }

  private toEntity(record: OnboardingRecord): Entity {
    const location = this.locationOf(record);
    const { entity } = record;
    return {
      ...entity,
      metadata: {
        ...entity.metadata,
        namespace: entity.metadata.namespace ?? 'default',
        annotations: {
          ...entity.metadata.annotations,
          [ANNOTATION_LOCATION]: location,
          [ANNOTATION_ORIGIN_LOCATION]: location,
        },
      },
    } as Entity;
  }
}
