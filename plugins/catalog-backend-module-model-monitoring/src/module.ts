import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { OnboardedModelEntityProvider } from './OnboardedModelEntityProvider';
import { onboardingStore } from './onboardingRecords';

/**
 * Catalog module: the entities of models onboarded through the scaffolder (built-in and SageMaker).
 *
 * @public
 */
export const catalogModuleModelMonitoring = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'model-monitoring',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init({ catalog, config, logger, scheduler }) {
        // Reading a handful of small files is cheap; a short period makes a freshly onboarded
        // model appear within seconds (the scaffolder action waits for it).
        const seconds = config.getOptionalNumber('modelMonitoring.onboarding.refreshSeconds') ?? 5;
        catalog.addEntityProvider(
          new OnboardedModelEntityProvider(
            onboardingStore(config),
            scheduler.createScheduledTaskRunner({
              frequency: { seconds },
              timeout: { minutes: 1 },
              initialDelay: { seconds: 1 },
            }),
            logger,
          ),
        );
      },
    });
  },
});
