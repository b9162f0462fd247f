import { parseModelQualityConstraints, scalarMetricNames, type ModelQualityConstraints } from '@mlmon/monitor-engine';
import type { ModelQualityResponse, QualityMetricSeries, SourceError } from '@mlmon/plugin-model-monitoring-common';
import type { EntityRequest } from '../service/requestContext';
import { folderOf, readAllowedFile } from './allowedReportFile';
import type { AwsTarget } from './AwsClients';
import type { ModelQualityCloudWatch } from './ModelQualityCloudWatch';
import { parseModelQualityStatistics, type ModelQualityStatistics } from './modelQualityStatistics';
import { describeQualityJob, type QualityJobDefinition } from './QualityJobDefinitions';
import type { SageMakerClarifyDeps } from './SageMakerClarifyInputs';
import { sourcePart } from './sourcePart';

type Range = { from: Date; to: Date };

/** What the SageMaker quality answers read: SageMaker, CloudWatch, S3 under reportPrefixes. */
export type SageMakerQualityDeps = Omit<SageMakerClarifyDeps, 'clarifyCloudWatch'>;

/** How many of the newest executions are searched for a completed one. */
export const LOOK_BACK = 48;
export const isUsable = (e: { status: string }) => e.status === 'Completed' || e.status === 'CompletedWithViolations';

/** The chart draws a threshold line on one side: the inclusive operators keep their direction. */
function direction(operator: ModelQualityConstraints['constraints'][number]['comparisonOperator']): QualityMetricSeries['comparison'] {
  return operator.startsWith('LessThan') ? 'LessThanThreshold' : 'GreaterThanThreshold';
}

/**
 * Model quality of a SageMaker schedule: the metrics over time from CloudWatch, thresholds from
 * the job definition's baseline constraints.json, baseline values from the statistics.json the
 * baselining job wrote beside it, and the confusion matrix of the newest execution's
 * statistics.json. Each part fails on its own, as a SourceError of the answer.
 */
export async function sageMakerQuality(
  request: EntityRequest,
  target: AwsTarget,
  scheduleName: string,
  range: Range,
  deps: SageMakerQualityDeps & { qualityCloudWatch: ModelQualityCloudWatch },
): Promise<ModelQualityResponse> {
  const errors: SourceError[] = [];
  const endpoint = request.annotations.endpointName;
  const reader = await deps.reportReader(request);
  const job = await sourcePart<QualityJobDefinition | undefined>(errors, 'sagemaker', `Model-quality job definition of ${scheduleName}`, undefined, () =>
    describeQualityJob(deps.clients, target, scheduleName),
  );
  const constraintsUri = job?.constraintsUri;

  const [constraints, baseline, listed, newest] = await Promise.all([
    constraintsUri
      ? sourcePart<ModelQualityConstraints | undefined>(errors, 'reports', `Baseline constraints of ${scheduleName}`, undefined, async () => {
          const body = await readAllowedFile(deps.settings, reader, constraintsUri);
          if (!body) throw new Error(`${constraintsUri} does not exist`);
          return parseModelQualityConstraints(body.toString('utf8'), constraintsUri);
        })
      : undefined,
    // The baselining job writes statistics.json beside constraints.json: the baseline's values.
    constraintsUri
      ? sourcePart<ModelQualityStatistics | undefined>(errors, 'reports', `Baseline statistics of ${scheduleName}`, undefined, async () => {
          const uri = `${folderOf(constraintsUri)}/statistics.json`;
          const body = await readAllowedFile(deps.settings, reader, uri);
          return body ? parseModelQualityStatistics(body.toString('utf8'), uri) : undefined;
        })
      : undefined,
    sourcePart<string[] | undefined>(errors, 'cloudwatch', `Model-quality metrics of ${scheduleName}`, undefined, () =>
      deps.qualityCloudWatch.metricNames(target, endpoint, scheduleName),
    ),
    sourcePart<ModelQualityStatistics | undefined>(errors, 'reports', `statistics.json of the newest execution of ${scheduleName}`, undefined, async () => {
      const execution = (await deps.api.executions(target, scheduleName, range, LOOK_BACK)).find(isUsable);
      if (!execution) return undefined;
      const uri = await deps.reportUriAt(request, scheduleName, new Date(execution.windowEnd));
      const body = uri ? await reader.file(uri, 'statistics.json') : undefined;
      return body ? parseModelQualityStatistics(body.toString('utf8'), `${uri}/statistics.json`) : undefined;
    }),
  ]);

  const problemType = job?.problemType ?? constraints?.problemType ?? newest?.problemType ?? baseline?.problemType;
  const names = new Set(listed ?? (problemType ? scalarMetricNames(problemType) : []));
  for (const c of constraints?.constraints ?? []) names.add(c.metric);
  const series = await sourcePart(errors, 'cloudwatch', `Model-quality metrics of ${scheduleName}`, [] as Array<{ metric: string; points: QualityMetricSeries['points'] }>, () =>
    deps.qualityCloudWatch.series(target, endpoint, scheduleName, [...names].sort(), range),
  );
  const metrics: QualityMetricSeries[] = series
    // A metric no execution published in the range and no constraint names is noise.
    .filter(s => s.points.length || constraints?.constraints.some(c => c.metric === s.metric))
    .map(s => {
      const constraint = constraints?.constraints.find(c => c.metric === s.metric);
      return {
        metric: s.metric,
        points: s.points,
        baseline: baseline?.values[s.metric],
        threshold: constraint && Number.isFinite(constraint.threshold) ? constraint.threshold : undefined,
        comparison: constraint ? direction(constraint.comparisonOperator) : undefined,
      };
    });
  return {
    entityRef: request.entityRef,
    scheduleName,
    problemType,
    range: { from: range.from.toISOString(), to: range.to.toISOString() },
    metrics,
    confusionMatrix: newest?.confusionMatrix,
    ...(errors.length ? { errors } : {}),
  };
}
