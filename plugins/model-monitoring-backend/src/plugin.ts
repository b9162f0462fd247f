import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { modelMonitoringPermissions } from '@mlmon/plugin-model-monitoring-common';
import { AthenaEngine, nextRunAfter, openObjectStore } from '@mlmon/monitor-engine';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { AlertingService } from './alerting/AlertingService';
import { BuiltinJobs } from './builtin/BuiltinJobs';
import { BuiltinModels } from './builtin/BuiltinModels';
import { readBuiltinSettings } from './config/builtinConfig';
import { AlertStore } from './database/AlertStore';
import { ExecutionMetricsStore } from './database/ExecutionMetricsStore';
import { ExecutionStore } from './database/ExecutionStore';
import { migrateDatabase } from './database/migrateDatabase';
import { ModelRegistryStore } from './database/ModelRegistryStore';
import { SnapshotStore } from './database/SnapshotStore';
import { BaselineReader } from './reports/BaselineReader';
import { ReportReader } from './reports/ReportReader';
import { createRouter } from './service/createRouter';
import { SnapshotRefresher } from './service/SnapshotRefresher';
import { TtlCache } from './service/TtlCache';
import { VisibleEntities } from './service/VisibleEntities';
import { readSageMakerSettings } from './config/sagemakerConfig';
import { AthenaViolationsHistory } from './sagemaker/AthenaViolationsHistory';
import { AwsClients } from './sagemaker/AwsClients';
import { CloudWatchMetrics } from './sagemaker/CloudWatchMetrics';
import { QuickSightEmbedder } from './sagemaker/QuickSightEmbedder';
import { SageMakerApi } from './sagemaker/SageMakerApi';
import { SageMakerSource } from './sagemaker/SageMakerSource';

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
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const { httpRouter, config, logger, database, scheduler } = deps;
        deps.permissionsRegistry.addPermissions(modelMonitoringPermissions);

        const knex = await database.getClient();
        if (!database.migrations?.skip) {
          await migrateDatabase(knex);
        }
        const settings = readBuiltinSettings(config);
        const executions = new ExecutionStore(knex);
        const alerts = new AlertStore(knex);
        const snapshots = new SnapshotStore(knex);
        const registry = new ModelRegistryStore(knex);
        const builtinModels = new BuiltinModels(settings, registry, logger);
        const openStore = (location: string) => openObjectStore(location);
        const reports = new ReportReader(openStore);
        const baselines = new BaselineReader(openStore);
        const cache = new TtlCache<unknown>(30_000);
        const sagemakerSettings = readSageMakerSettings(config, config.getOptionalString('app.baseUrl'));
        let sagemaker: SageMakerSource | undefined;
        let embedder: QuickSightEmbedder | undefined;
        if (sagemakerSettings) {
          const clients = new AwsClients(DefaultAwsCredentialsManager.fromConfig(config), sagemakerSettings);
          const athena = sagemakerSettings.athena;
          sagemaker = new SageMakerSource({
            settings: sagemakerSettings,
            clients,
            api: new SageMakerApi(clients),
            cloudWatch: new CloudWatchMetrics(clients),
            history: athena
              ? new AthenaViolationsHistory(
                  new AthenaEngine({
                    client: await clients.athena({ region: sagemakerSettings.region }),
                    workGroup: athena.workGroup,
                    database: athena.database,
                    catalog: athena.catalog,
                    outputLocation: athena.outputLocation,
                    timeoutMs: athena.timeoutMs,
                  }),
                  athena.violationsTable,
                )
              : undefined,
          });
          if (sagemakerSettings.quickSight) embedder = new QuickSightEmbedder(clients, sagemakerSettings.quickSight);
        }
        const alerting = new AlertingService(alerts, executions, deps.notifications, logger, {
          datapointsToAlert: config.getOptionalNumber('modelMonitoring.alerting.datapointsToAlert') ?? 1,
          evaluationPeriod: config.getOptionalNumber('modelMonitoring.alerting.evaluationPeriod') ?? 1,
        });
        const refresher = new SnapshotRefresher({
          catalog: deps.catalog,
          auth: deps.auth,
          executions,
          alerts,
          snapshots,
          builtinModels,
          logger,
          sagemaker,
        });
        const jobs = new BuiltinJobs(
          executions,
          { openStore, reports, reportsUri: settings.reportsUri },
          async (model, outcome) => {
            await alerting.evaluate(
              model.entityRef,
              outcome.execution.scheduleName,
              model.schedules.map(s => s.name),
            );
            cache.invalidatePrefix(`${model.entityRef}\u0000`);
            await refresher.refreshEntity(model.entityRef);
          },
          logger,
          settings.maxCatchUpWindows,
        );

        // Replicas share these tasks through the database: one runner at a time, and a restart
        // resumes where the executions table says it stopped.
        await scheduler.scheduleTask({
          id: 'model-monitoring:builtin-jobs',
          frequency: { minutes: settings.frequencyMinutes },
          timeout: { minutes: 55 },
          initialDelay: { seconds: 30 },
          fn: async () => {
            const ran = await jobs.runDue(await builtinModels.list());
            if (ran) logger.info(`Built-in monitoring ran ${ran} execution(s)`);
          },
        });
        await scheduler.scheduleTask({
          id: 'model-monitoring:status-snapshots',
          frequency: { minutes: config.getOptionalNumber('modelMonitoring.overview.refreshMinutes') ?? 10 },
          timeout: { minutes: 10 },
          initialDelay: { seconds: 15 },
          fn: async () => {
            const n = await refresher.refreshAll();
            logger.info(`Refreshed the monitoring status of ${n} model(s)`);
          },
        });

        httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            catalog: deps.catalog,
            permissions: deps.permissions,
            builtinModels,
            executions,
            metrics: new ExecutionMetricsStore(knex),
            alerts,
            alerting,
            snapshots,
            refresher,
            registry,
            reports,
            baselines,
            openStore,
            jobs,
            cache,
            visibleEntities: new VisibleEntities(
              deps.catalog,
              (config.getOptionalNumber('modelMonitoring.overview.visibleEntitiesCacheSeconds') ?? 30) * 1000,
            ),
            logger,
            nextRun: expression => nextRunAfter(expression, new Date()),
            sagemaker,
            embedDashboard: embedder
              ? request =>
                  embedder!.embed(
                    request.annotations.quickSightDashboardId!,
                    (request.credentials.principal as { userEntityRef?: string }).userEntityRef,
                  )
              : undefined,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
