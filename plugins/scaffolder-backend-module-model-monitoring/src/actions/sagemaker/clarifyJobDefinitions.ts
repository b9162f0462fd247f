import type {
  CreateModelBiasJobDefinitionCommandInput,
  CreateModelExplainabilityJobDefinitionCommandInput,
} from '@aws-sdk/client-sagemaker';
import {
  common,
  endpointInput,
  output,
  type JobDefinitionSettings,
} from './jobDefinitions';
import { digest } from './onboardingNames';

/**
 * The account of SageMaker Clarify's processing image (`sagemaker-clarify-processing`, version
 * 1.0) per region, as published in the SageMaker Python SDK's
 * `src/sagemaker/image_uri_config/clarify.json` (`image_uris.retrieve("clarify", region)`).
 * Bias-drift and feature-attribution-drift schedules run this image, not the analyzer.
 */
export const CLARIFY_IMAGE_ACCOUNTS: Readonly<Record<string, string>> = {
  'af-south-1': '811711786498',
  'ap-east-1': '098760798382',
  'ap-northeast-1': '377024640650',
  'ap-northeast-2': '263625296855',
  'ap-northeast-3': '364406365360',
  'ap-south-1': '452307495513',
  'ap-southeast-1': '834264404009',
  'ap-southeast-2': '007051062584',
  'ca-central-1': '675030665977',
  'cn-north-1': '122526803553',
  'cn-northwest-1': '122578899357',
  'eu-central-1': '017069133835',
  'eu-north-1': '763603941244',
  'eu-south-1': '638885417683',
  'eu-west-1': '131013547314',
  'eu-west-2': '440796970383',
  'eu-west-3': '341593696636',
  'me-south-1': '835444307964',
  'sa-east-1': '520018980103',
  'us-east-1': '205585389593',
  'us-east-2': '211330385671',
  'us-west-1': '740489534195',
  'us-west-2': '306415355426',
};

/** The Clarify image URI of a region, or undefined when the map does not know the region. */
export function clarifyImage(region: string): string | undefined {
  const account = CLARIFY_IMAGE_ACCOUNTS[region];
  if (!account) return undefined;
  const domain = region.startsWith('cn-')
    ? 'amazonaws.com.cn'
    : 'amazonaws.com';
  return `${account}.dkr.ecr.${region}.${domain}/sagemaker-clarify-processing:1.0`;
}

type Value = string | number;

/** The `modelBias` input. */
export interface ModelBiasSettings {
  groundTruthS3Uri: string;
  label: string;
  labelValuesOrThreshold: Value[];
  facet: { name: string; valuesOrThreshold?: Value[] };
  headers?: string[];
  probabilityThreshold?: number;
  featuresAttribute?: string;
  inferenceAttribute?: string;
  probabilityAttribute?: string;
  metrics?: string[];
  constraintsS3Uri?: string;
}

/** The `modelExplainability` input, with the model Clarify's shadow endpoint serves. */
export interface ModelExplainabilitySettings {
  headers: string[];
  shapBaselineS3Uri?: string;
  shapBaseline?: Value[][];
  numSamples?: number;
  useLogit?: boolean;
  modelName: string;
  predictorInstanceType: string;
  contentType?: 'text/csv' | 'application/jsonlines';
  featuresAttribute?: string;
  inferenceAttribute?: string;
  probabilityAttribute?: string;
  labelHeaders?: string[];
  constraintsS3Uri?: string;
}

export const DEFAULT_SHAP_SAMPLES = 100;

const defined = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
/** An index into the model output ("0") is a number in Clarify's configuration, a JMESPath a string. */
const indexOrPath = (v?: string) =>
  v !== undefined && /^\d+$/.test(v) ? Number(v) : v;

/**
 * Clarify's analysis configuration of a bias-drift monitor (what the SDK's BiasAnalysisConfig
 * writes): the label and its positive values, the facet, post-training metrics.
 */
export function biasAnalysisConfig(
  bias: ModelBiasSettings,
): Record<string, unknown> {
  return defined({
    label: bias.label,
    label_values_or_threshold: bias.labelValuesOrThreshold,
    facet: [
      defined({
        name_or_index: bias.facet.name,
        value_or_threshold: bias.facet.valuesOrThreshold,
      }),
    ],
    headers: bias.headers,
    methods: {
      post_training_bias: {
        methods: bias.metrics?.length ? bias.metrics : 'all',
      },
    },
    probability_threshold: bias.probabilityThreshold,
  });
}

/**
 * Clarify's analysis configuration of a feature-attribution-drift monitor (the SDK's
 * ExplainabilityAnalysisConfig): Kernel SHAP against the baseline rows, mean |SHAP| per
 * feature, and the model Clarify explains through a shadow endpoint.
 */
export function explainabilityAnalysisConfig(
  e: ModelExplainabilitySettings,
): Record<string, unknown> {
  return {
    methods: {
      shap: defined({
        baseline: e.shapBaselineS3Uri ?? e.shapBaseline,
        num_samples: e.numSamples ?? DEFAULT_SHAP_SAMPLES,
        agg_method: 'mean_abs',
        use_logit: e.useLogit ?? false,
      }),
    },
    predictor: defined({
      model_name: e.modelName,
      instance_type: e.predictorInstanceType,
      initial_instance_count: 1,
      content_type: e.contentType ?? 'text/csv',
      accept_type: e.contentType ?? 'text/csv',
      probability: indexOrPath(e.probabilityAttribute),
      label_headers: e.labelHeaders,
    }),
    headers: e.headers,
  };
}

/**
 * Where the action writes an analysis configuration: under the reports location, by job
 * definition and content (as the SDK's `{output}/{job definition}/{id}/analysis_config.json`),
 * so a retry finds the same file and another configuration never overwrites one in use.
 */
export function analysisConfigS3Uri(
  reportsS3Uri: string,
  jobDefinitionName: string,
  config: unknown,
): string {
  return `${reportsS3Uri.replace(/\/+$/, '')}/${jobDefinitionName}/${digest(
    config,
  )}/analysis_config.json`;
}

const clarifyApp = (settings: JobDefinitionSettings, configUri: string) => ({
  ImageUri: settings.imageUri,
  ConfigUri: configUri,
  Environment: { publish_cloudwatch_metrics: 'Enabled' },
});

/** The model-bias job definition: captured predictions merged with ground truth, against the baseline analysis.json. */
export function modelBiasJobDefinition(
  settings: JobDefinitionSettings,
  bias: ModelBiasSettings,
  configUri: string,
): CreateModelBiasJobDefinitionCommandInput {
  return {
    ...common(settings),
    ModelBiasBaselineConfig: bias.constraintsS3Uri
      ? { ConstraintsResource: { S3Uri: bias.constraintsS3Uri } }
      : undefined,
    ModelBiasAppSpecification: clarifyApp(settings, configUri),
    ModelBiasJobInput: {
      EndpointInput: {
        ...endpointInput(settings),
        FeaturesAttribute: bias.featuresAttribute,
        InferenceAttribute: bias.inferenceAttribute,
        ProbabilityAttribute: bias.probabilityAttribute,
        ProbabilityThresholdAttribute: bias.probabilityThreshold,
      },
      GroundTruthS3Input: { S3Uri: bias.groundTruthS3Uri },
    },
    ModelBiasJobOutputConfig: output(settings),
  };
}

/** The model-explainability job definition: captured inputs explained, against the baseline analysis.json. */
export function modelExplainabilityJobDefinition(
  settings: JobDefinitionSettings,
  e: ModelExplainabilitySettings,
  configUri: string,
): CreateModelExplainabilityJobDefinitionCommandInput {
  return {
    ...common(settings),
    ModelExplainabilityBaselineConfig: e.constraintsS3Uri
      ? { ConstraintsResource: { S3Uri: e.constraintsS3Uri } }
      : undefined,
    ModelExplainabilityAppSpecification: clarifyApp(settings, configUri),
    ModelExplainabilityJobInput: {
      EndpointInput: {
        ...endpointInput(settings),
        FeaturesAttribute: e.featuresAttribute,
        InferenceAttribute: e.inferenceAttribute,
        ProbabilityAttribute: e.probabilityAttribute,
      },
    },
    ModelExplainabilityJobOutputConfig: output(settings),
  };
}
