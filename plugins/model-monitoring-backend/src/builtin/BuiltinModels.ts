import type { LoggerService } from '@backstage/backend-plugin-api';
import type { RegisterBuiltinModelRequest } from '@mlmon/plugin-model-monitoring-common';
import { resolveModel, type BuiltinModel, type BuiltinSettings } from '../config/builtinConfig';
import type { ModelRegistryStore } from '../database/ModelRegistryStore';

/**
 * The models the built-in engine monitors: those in config plus those registered through
 * onboarding. Config wins when both name the same endpoint (operators keep control).
 */
export class BuiltinModels {
  constructor(
    private readonly settings: BuiltinSettings,
    private readonly registry: ModelRegistryStore,
    private readonly logger: LoggerService,
  ) {}

  /** Validates and resolves a registration; throws InputError naming the field. */
  resolve(spec: RegisterBuiltinModelRequest): BuiltinModel {
    return resolveModel(spec, this.settings, 'registry', 'registration');
  }

  async list(): Promise<BuiltinModel[]> {
    const models = new Map(this.settings.models.map(m => [m.endpointName, m]));
    for (const stored of await this.registry.list()) {
      if (models.has(stored.spec.endpointName)) continue;
      try {
        models.set(stored.spec.endpointName, this.resolve(stored.spec));
      } catch (error) {
        // A registration that no longer passes (e.g. allowed locations changed) is skipped
        // loudly rather than run against a location that is not allowed any more.
        this.logger.warn(
          `Skipping registered model ${stored.spec.endpointName}: ${(error as Error).message}`,
        );
      }
    }
    return [...models.values()];
  }

  async byEndpoint(endpointName: string): Promise<BuiltinModel | undefined> {
    return (await this.list()).find(m => m.endpointName === endpointName);
  }
}
