import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
} from '@aws-sdk/client-sagemaker';
import { InputError } from '@backstage/errors';
import { awsCall, awsDescribe } from './awsErrors';
import type { ClarifyInput } from './clarifyInputFields';
import {
  analysisConfigS3Uri,
  biasAnalysisConfig,
  explainabilityAnalysisConfig,
  modelBiasJobDefinition,
  modelExplainabilityJobDefinition,
} from './clarifyJobDefinitions';
import type { JobDefinitionSettings } from './jobDefinitions';
import {
  ensureMonitoringSchedule,
  type ScheduleDefinition,
  type ScheduleResult,
} from './monitoringScheduleStep';
import type { OnboardingNames } from './onboardingNames';
import type { StepContext } from './stepContext';

const STEP = 'Clarify monitors';

function splitS3(uri: string) {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri)!;
  return { Bucket: match[1], Key: match[2] };
}

/**
 * Writes a Clarify analysis configuration unless it is there already. Its key holds a digest of
 * its content, so an existing object is this same configuration: a retry writes nothing.
 */
async function ensureAnalysisConfig(
  ctx: StepContext,
  s3Uri: string,
  config: unknown,
): Promise<void> {
  const exists = await awsDescribe(STEP, `HeadObject ${s3Uri}`, () =>
    ctx.clients.s3.send(new HeadObjectCommand(splitS3(s3Uri))),
  );
  if (exists) {
    ctx.logger.info(`Analysis configuration ${s3Uri} exists; reusing it`);
    return;
  }
  if (ctx.dryRun) {
    ctx.logger.info(`Dry run: would write the analysis configuration ${s3Uri}`);
    return;
  }
  await awsCall(STEP, `PutObject ${s3Uri}`, () =>
    ctx.clients.s3.send(
      new PutObjectCommand({
        ...splitS3(s3Uri),
        Body: `${JSON.stringify(config, null, 2)}\n`,
        ContentType: 'application/json',
      }),
    ),
  );
  ctx.logger.info(`Wrote the analysis configuration ${s3Uri}`);
}

/**
 * The model the endpoint serves (its endpoint config's only model), which Clarify explains on a
 * shadow endpoint so that the monitored endpoint's traffic is not disturbed.
 */
async function endpointModelName(
  ctx: StepContext,
  endpointName: string,
): Promise<string> {
  const endpoint = await awsDescribe(STEP, 'DescribeEndpoint', () =>
    ctx.clients.sageMaker.send(
      new DescribeEndpointCommand({ EndpointName: endpointName }),
    ),
  );
  const configName = endpoint?.EndpointConfigName;
  const config = configName
    ? await awsDescribe(STEP, 'DescribeEndpointConfig', () =>
        ctx.clients.sageMaker.send(
          new DescribeEndpointConfigCommand({ EndpointConfigName: configName }),
        ),
      )
    : undefined;
  const models = [
    ...new Set(
      (config?.ProductionVariants ?? [])
        .map(v => v.ModelName)
        .filter((m): m is string => Boolean(m)),
    ),
  ];
  if (models.length !== 1) {
    throw new InputError(
      `modelExplainability.modelName: endpoint ${endpointName} serves ${
        models.length
          ? `several models (${models.join(', ')})`
          : 'no model this action can name'
      }; give the model Clarify should explain`,
    );
  }
  return models[0];
}

/**
 * Step 3b: the bias-drift and feature-attribution-drift schedules. Each writes Clarify's
 * analysis_config.json to S3 (what the job definition's ConfigUri points to), then ensures its
 * job definition and schedule as the other monitors do (reused when the same, a conflict when not).
 */
export async function ensureClarifyMonitors(
  ctx: StepContext,
  request: {
    input: ClarifyInput;
    names: OnboardingNames;
    definition: Omit<JobDefinitionSettings, 'name'>;
    scheduleExpression: string;
    instanceType: string;
  },
): Promise<ScheduleResult[]> {
  const { input, names, definition, scheduleExpression } = request;
  // Writes the analysis configuration where the job definition points, then ensures the
  // definition and its schedule.
  const ensure = async (
    jobDefinitionName: string,
    scheduleName: string,
    config: unknown,
    spec: (
      settings: JobDefinitionSettings,
      configUri: string,
    ) => ScheduleDefinition,
  ) => {
    const configUri = analysisConfigS3Uri(
      definition.reportsS3Uri,
      jobDefinitionName,
      config,
    );
    await ensureAnalysisConfig(ctx, configUri, config);
    return ensureMonitoringSchedule(
      ctx,
      spec({ ...definition, name: jobDefinitionName }, configUri),
      scheduleName,
      scheduleExpression,
    );
  };
  const results: ScheduleResult[] = [];
  const bias = input.modelBias;
  if (bias) {
    results.push(
      await ensure(
        names.modelBiasJobDefinition,
        names.modelBiasSchedule,
        biasAnalysisConfig(bias),
        (settings, configUri) => ({
          type: 'ModelBias',
          definition: modelBiasJobDefinition(settings, bias, configUri),
        }),
      ),
    );
  }
  const e = input.modelExplainability;
  if (e) {
    const settings = {
      ...e,
      modelName:
        e.modelName ?? (await endpointModelName(ctx, definition.endpointName)),
      predictorInstanceType: e.predictorInstanceType ?? request.instanceType,
    };
    results.push(
      await ensure(
        names.modelExplainabilityJobDefinition,
        names.modelExplainabilitySchedule,
        explainabilityAnalysisConfig(settings),
        (jobSettings, configUri) => ({
          type: 'ModelExplainability',
          definition: modelExplainabilityJobDefinition(
            jobSettings,
            settings,
            configUri,
          ),
        }),
      ),
    );
  }
  return results;
}
