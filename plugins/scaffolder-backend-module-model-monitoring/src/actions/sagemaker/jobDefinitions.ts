import type {
  CreateDataQualityJobDefinitionCommandInput,
  CreateModelQualityJobDefinitionCommandInput,
  ProblemType,
  ProcessingInstanceType,
} from '@aws-sdk/client-sagemaker';

const ENDPOINT_INPUT_PATH = '/opt/ml/processing/input/endpoint';
const OUTPUT_PATH = '/opt/ml/processing/output';
/** An hourly schedule's job must finish within the hour; SageMaker rejects longer limits. */
const MAX_RUNTIME_SECONDS = 1800;

export interface JobDefinitionSettings {
  name: string;
  endpointName: string;
  roleArn: string;
  imageUri: string;
  instanceType: string;
  reportsS3Uri: string;
}

export function common(settings: JobDefinitionSettings) {
  return {
    JobDefinitionName: settings.name,
    RoleArn: settings.roleArn,
    JobResources: {
      ClusterConfig: { InstanceCount: 1, InstanceType: settings.instanceType as ProcessingInstanceType, VolumeSizeInGB: 20 },
    },
    StoppingCondition: { MaxRuntimeInSeconds: MAX_RUNTIME_SECONDS },
  };
}

export function output(settings: JobDefinitionSettings) {
  // SageMaker writes each execution under {S3Uri}/{endpoint}/{schedule}/yyyy/mm/dd/HH/.
  return { MonitoringOutputs: [{ S3Output: { S3Uri: settings.reportsS3Uri, LocalPath: OUTPUT_PATH, S3UploadMode: 'EndOfJob' as const } }] };
}

export function endpointInput(settings: JobDefinitionSettings) {
  return {
    EndpointName: settings.endpointName,
    LocalPath: ENDPOINT_INPUT_PATH,
    S3InputMode: 'File' as const,
    S3DataDistributionType: 'FullyReplicated' as const,
  };
}

/** The data-quality job definition; CloudWatch metrics on, so drift alarms have data. */
export function dataQualityJobDefinition(
  settings: JobDefinitionSettings,
  baseline: { statisticsS3Uri: string; constraintsS3Uri: string },
): CreateDataQualityJobDefinitionCommandInput {
  return {
    ...common(settings),
    DataQualityBaselineConfig: {
      ConstraintsResource: { S3Uri: baseline.constraintsS3Uri },
      StatisticsResource: { S3Uri: baseline.statisticsS3Uri },
    },
    DataQualityAppSpecification: { ImageUri: settings.imageUri, Environment: { publish_cloudwatch_metrics: 'Enabled' } },
    DataQualityJobInput: { EndpointInput: endpointInput(settings) },
    DataQualityJobOutputConfig: output(settings),
  };
}

export interface ModelQualitySettings {
  problemType: ProblemType;
  groundTruthS3Uri: string;
  inferenceAttribute?: string;
  probabilityAttribute?: string;
  probabilityThreshold?: number;
  constraintsS3Uri?: string;
}

/** The model-quality job definition: captured predictions merged with the ground truth. */
export function modelQualityJobDefinition(
  settings: JobDefinitionSettings,
  mq: ModelQualitySettings,
): CreateModelQualityJobDefinitionCommandInput {
  return {
    ...common(settings),
    ModelQualityBaselineConfig: mq.constraintsS3Uri ? { ConstraintsResource: { S3Uri: mq.constraintsS3Uri } } : undefined,
    ModelQualityAppSpecification: {
      ImageUri: settings.imageUri,
      ProblemType: mq.problemType,
      Environment: { publish_cloudwatch_metrics: 'Enabled' },
    },
    ModelQualityJobInput: {
      EndpointInput: {
        ...endpointInput(settings),
        InferenceAttribute: mq.inferenceAttribute,
        ProbabilityAttribute: mq.probabilityAttribute,
        ProbabilityThresholdAttribute: mq.probabilityThreshold,
      },
      GroundTruthS3Input: { S3Uri: mq.groundTruthS3Uri },
    },
    ModelQualityJobOutputConfig: output(settings),
  };
}

const MONITOR_TYPES = ['DataQuality', 'ModelQuality', 'ModelBias', 'ModelExplainability'] as const;

/**
 * The parts of a job definition that decide what it monitors, picked the same way from a create
 * input and a Describe output (they share their field names, prefixed by the monitor type), to
 * tell "the same definition" (reuse it) from "another one under this name" (a conflict: job
 * definitions cannot be changed).
 */
// `any`: the create inputs and Describe outputs of the four monitor types are eight unrelated
// SDK types with the same field names; this reads those fields from any of them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function definitionFingerprint(definition: Record<string, any>): string {
  const type = MONITOR_TYPES.find(t => definition[`${t}AppSpecification`]);
  const app = definition[`${type}AppSpecification`];
  const input = definition[`${type}JobInput`];
  const out = definition[`${type}JobOutputConfig`];
  const baseline = definition[`${type}BaselineConfig`];
  return JSON.stringify({
    type: type ?? null,
    image: app?.ImageUri,
    config: app?.ConfigUri ?? null,
    problemType: app?.ProblemType ?? null,
    endpoint: input?.EndpointInput?.EndpointName,
    features: input?.EndpointInput?.FeaturesAttribute ?? null,
    inference: input?.EndpointInput?.InferenceAttribute ?? null,
    probability: input?.EndpointInput?.ProbabilityAttribute ?? null,
    threshold: input?.EndpointInput?.ProbabilityThresholdAttribute ?? null,
    groundTruth: input?.GroundTruthS3Input?.S3Uri ?? null,
    reports: out?.MonitoringOutputs?.[0]?.S3Output?.S3Uri,
    constraints: baseline?.ConstraintsResource?.S3Uri ?? null,
    statistics: baseline?.StatisticsResource?.S3Uri ?? null,
    role: definition.RoleArn,
    instanceType: definition.JobResources?.ClusterConfig?.InstanceType,
  });
}
