import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { backfillDemoHistory } from './demoBackfill';
import { DEMO_MODELS } from './demoModels';
import { LiveDemoTraffic } from './LiveDemoTraffic';
import { loadDemoTables, seedDemo } from './seedDemo';

/** A folder path or URL as a URL without a trailing slash (as the backend plugin resolves it). */
function toLocation(location: string): string {
  const trimmed = location.trim().replace(/\/+$/, '');
  if (/^(s3|file):\/\//i.test(trimmed)) return trimmed;
  return pathToFileURL(path.resolve(trimmed)).href.replace(/\/+$/, '');
}

/**
 * The demo of the embedded default (`modelMonitoring.demo.enabled`): at first start, baselines
 * and a few days of hourly traffic for the three demo models in the built-in engine's data root;
 * then new traffic every minute. A module of the model-monitoring plugin, so it runs before the
 * plugin schedules its jobs and the first job run finds the history in place.
 */
export const modelMonitoringDemoModule = createBackendModule({
  pluginId: 'model-monitoring',
  moduleId: 'demo-data',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        lifecycle: coreServices.lifecycle,
      },
      async init({ config, logger, scheduler, auth, discovery, lifecycle }) {
        const demo = config.getOptionalConfig('modelMonitoring.demo');
        if (!demo?.getOptionalBoolean('enabled')) return;
        const dataRoot = toLocation(config.getOptionalString('modelMonitoring.builtin.dataRoot') ?? '.mlmon-data');
        const datasetsDir = path.resolve(demo.getOptionalString('datasetsDir') ?? '../../demo/data');
        const historyHours = Math.round((demo.getOptionalNumber('historyDays') ?? 4) * 24);

        const started = Date.now();
        const result = await seedDemo({ dataRoot, datasetsDir, historyHours });
        if (result.seeded) {
          logger.info(
            `Seeded the demo models in ${dataRoot}: baselines and ${historyHours} hours of traffic ` +
              `(${result.records} records) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
          );
        } else {
          logger.info(`Demo data already in ${dataRoot} (seeded ${result.marker.seededAt})`);
        }

        const live = new LiveDemoTraffic(
          dataRoot,
          DEMO_MODELS,
          loadDemoTables(datasetsDir, DEMO_MODELS),
          new Date(result.marker.anchor),
        );
        await scheduler.scheduleTask({
          id: 'model-monitoring:demo-live-traffic',
          frequency: { seconds: demo.getOptionalNumber('trafficIntervalSeconds') ?? 60 },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 1 },
          scope: 'global',
          fn: async () => {
            await live.tick();
          },
        });

        // The history's executions: once the backend serves requests, backfill the demo models'
        // schedules over the seeded days (already executed windows are skipped).
        const demoEndpoints = new Set(DEMO_MODELS.map(m => m.endpointName));
        const schedules = (config.getOptionalConfigArray('modelMonitoring.builtin.models') ?? [])
          .filter(m => demoEndpoints.has(m.getString('endpointName')))
          .flatMap(m =>
            m.getConfigArray('schedules').map(s => ({
              entityRef: m.getString('entityRef'),
              scheduleName: s.getString('name'),
            })),
          );
        const anchor = new Date(result.marker.anchor);
        lifecycle.addStartupHook(() => {
          const from = new Date(anchor.getTime() - result.marker.historyHours * 3_600_000);
          backfillDemoHistory(schedules, from, new Date(), { auth, discovery, logger }).then(
            queued => logger.info(`Demo history: ${queued} window(s) queued for backfill`),
            error => logger.warn(`Demo history backfill failed: ${error}`),
          );
        });
      },
    });
  },
});
