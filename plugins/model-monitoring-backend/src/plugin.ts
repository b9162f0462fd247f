import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { modelMonitoringPermissions } from '@mlmon/plugin-model-monitoring-common';
import { ExecutionStore } from './database/ExecutionStore';
import { migrateDatabase } from './database/migrateDatabase';
import { createRouter } from './service/createRouter';

/**
 * The model-monitoring backend plugin: one monitoring API over SageMaker Model Monitor and the
 * built-in engine.
 *
 * @public
 */
export const modelMonitoringPlugin = createBackendPlugin({
  pluginId: 'model-monitoring',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        database: coreServices.database,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
      },
      async init({ httpRouter, httpAuth, database, permissionsRegistry, catalog }) {
        permissionsRegistry.addPermissions(modelMonitoringPermissions);

        const knex = await database.getClient();
        if (!database.migrations?.skip) {
          await migrateDatabase(knex);
        }
        const executions = new ExecutionStore(knex);

        httpRouter.use(await createRouter({ httpAuth, catalog, executions }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
