import { parseDriftDescription, readStatistics, type Statistics } from '@mlmon/monitor-engine';
import type { FeatureStatisticsResponse, MonitoringExecution, SourceError } from '@mlmon/plugin-model-monitoring-common';
import { featureStatisticsBody } from '../service/featureStatisticsBody';
import type { EntityRequest } from '../service/requestContext';
import { readAllowedFile } from './allowedReportFile';
import type { AwsTarget } from './AwsClients';
import { describeQualityJob } from './QualityJobDefinitions';
import { LOOK_BACK, isUsable, type SageMakerQualityDeps } from './SageMakerQuality';
import { sourcePart } from './sourcePart';

const HOUR_MS = 3_600_000;

/** The window shown: the newest completed execution at or before the asked window end. */
interface ShownWindow {
  execution: MonitoringExecution;
  reportUri?: string;
  statistics?: Statistics;
}

/**
 * One feature of a SageMaker data-quality schedule, baseline against a window: the baseline
 * statistics.json named by the job definition (DataQualityBaselineConfig.StatisticsResource),
 * the window's statistics.json from the execution's report folder, the drift distance from
 * CloudWatch (feature_baseline_drift_<feature>), else from the window's
 * constraint_violations.json, which also gives the threshold of a violated feature. S3 reads
 * stay under reportPrefixes; each part fails on its own, as a SourceError of the answer.
 */
export async function sageMakerFeatureStatistics(
  request: EntityRequest,
  target: AwsTarget,
  scheduleName: string,
  feature: string,
  windowEnd: Date | undefined,
  deps: SageMakerQualityDeps,
): Promise<FeatureStatisticsResponse> {
  const errors: SourceError[] = [];
  const reader = await deps.reportReader(request);
  const [baseline, shown] = await Promise.all([
    (async () => {
      const job = await sourcePart(errors, 'sagemaker', `Data-quality job definition of ${scheduleName}`, undefined, () =>
        describeQualityJob(deps.clients, target, scheduleName),
      );
      const uri = job?.statisticsUri;
      if (!uri) return undefined;
      return sourcePart<Statistics | undefined>(errors, 'reports', `Baseline statistics of ${scheduleName}`, undefined, async () => {
        const body = await readAllowedFile(deps.settings, reader, uri);
        if (!body) throw new Error(`${uri} does not exist`);
        return readStatistics(body.toString('utf8'), uri);
      });
    })(),
    sourcePart<ShownWindow | undefined>(errors, 'reports', `statistics.json of ${scheduleName}`, undefined, async () => {
      const to = windowEnd ? new Date(windowEnd.getTime() + 1) : new Date();
      const execution = (await deps.api.executions(target, scheduleName, { from: new Date(0), to }, LOOK_BACK)).find(isUsable);
      if (!execution) return undefined;
      const reportUri = await deps.reportUriAt(request, scheduleName, new Date(execution.windowEnd));
      return { execution, reportUri, statistics: reportUri ? await reader.statistics(reportUri) : undefined };
    }),
  ]);

  let distance: number | null = null;
  let threshold: number | null = null;
  const known = [baseline, shown?.statistics].some(s => s?.features.some(f => f.name === feature));
  if (known && shown) {
    const end = new Date(shown.execution.windowEnd);
    const [series, violation] = await Promise.all([
      sourcePart(errors, 'cloudwatch', `Drift of ${feature}`, [], () =>
        deps.cloudWatch.driftSeries(target, request.annotations.endpointName, scheduleName, [feature], {
          from: new Date(end.getTime() - HOUR_MS),
          to: new Date(end.getTime() + HOUR_MS),
        }),
      ),
      // Only a window with violations has the file; a violated feature's line names the threshold.
      shown.reportUri && shown.execution.status === 'CompletedWithViolations'
        ? sourcePart(errors, 'reports', `constraint_violations.json of ${scheduleName}`, undefined, async () => {
            const found = await reader.violations(shown.reportUri!);
            const line = found?.violations.find(v => v.feature_name === feature && v.constraint_check_type === 'baseline_drift_check');
            return line ? parseDriftDescription(line.description) : undefined;
          })
        : undefined,
    ]);
    const point = series[0]?.points.find(p => p.time === shown.execution.windowEnd);
    distance = point?.value ?? violation?.distance ?? null;
    threshold = violation?.threshold ?? null;
  }
  return featureStatisticsBody({
    entityRef: request.entityRef,
    scheduleName,
    feature,
    baseline,
    window: shown?.statistics,
    windowEnd: shown?.execution.windowEnd,
    distance,
    threshold,
    errors,
  });
}
