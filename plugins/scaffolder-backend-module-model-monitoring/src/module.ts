import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createAnnotationsAction } from './actions/createAnnotationsAction';
import { onboardBuiltinModelAction } from './actions/builtin/onboardBuiltinModelAction';
import { onboardSageMakerEndpointAction } from './actions/sagemaker/onboardSageMakerEndpointAction';

/**
 * Scaffolder actions that onboard a model to monitoring.
 *
 * @public
 */
export const scaffolderModuleModelMonitoring = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'model-monitoring',
  register(env) {
    env.registerInit({
      deps: {
        scaffolderActions: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        catalog: catalogServiceRef,
      },
      async init({ scaffolderActions, config, auth, discovery, catalog }) {
        scaffolderActions.addActions(
          createAnnotationsAction(),
          onboardBuiltinModelAction({ config, auth, discovery, catalog }),
          onboardSageMakerEndpointAction({ config, catalog }),
        );
      },
    });
  },
});
