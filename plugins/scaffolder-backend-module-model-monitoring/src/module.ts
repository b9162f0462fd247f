import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createAnnotationsAction } from './actions/createAnnotationsAction';

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
      deps: { scaffolderActions: scaffolderActionsExtensionPoint },
      async init({ scaffolderActions }) {
        scaffolderActions.addActions(createAnnotationsAction());
      },
    });
  },
});
