import { PutObjectCommand } from '@aws-sdk/client-s3';
import {
  CreateModelBiasJobDefinitionCommand,
  CreateModelExplainabilityJobDefinitionCommand,
  CreateMonitoringScheduleCommand,
} from '@aws-sdk/client-sagemaker';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { onboardSageMakerEndpointAction } from './onboardSageMakerEndpointAction';
import { fakeAwsAccount } from './__testUtils__/fakeAwsAccount';

const ARN = 'arn:aws:sagemaker:eu-west-1:123456789012:endpoint/churn-xgb';
const MUTATING = /\.(Create|Update|Put|Subscribe|Start|Delete|Stop)/;
const CLARIFY_IMAGE =
  '131013547314.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-clarify-processing:1.0';

const config = mockServices.rootConfig({
  data: {
    aws: {
      accounts: [
        {
          accountId: '123456789012',
          accessKeyId: 'AKIDEXAMPLE',
          secretAccessKey: 'secret',
        },
      ],
    },
  },
});

const headers = ['age', 'education_num', 'sex', 'hr_per_week'];
const input = {
  endpointArn: ARN,
  roleArn: 'arn:aws:iam::123456789012:role/model-monitor',
  reportsS3Uri: 's3://ml-monitoring/reports',
  dataCapture: { enable: true, destinationS3Uri: 's3://ml-monitoring/capture' },
  baseline: { s3Uri: 's3://ml-monitoring/baselines/churn-xgb' },
  modelBias: {
    groundTruthS3Uri: 's3://ml-monitoring/ground-truth/churn-xgb',
    label: 'income',
    labelValuesOrThreshold: [1],
    facet: { name: 'sex', valuesOrThreshold: ['Female'] },
    headers,
    // The scaffolder hands a form's "0" over as the number 0.
    probabilityAttribute: 0,
    probabilityThreshold: 0.6,
    metrics: ['DPPL', 'DI'],
    constraintsS3Uri:
      's3://ml-monitoring/baselines/churn-xgb/bias/analysis.json',
  },
  modelExplainability: {
    headers,
    shapBaseline: [[38.5, 10, 'Male', 40]],
    numSamples: 50,
    probabilityAttribute: '0',
    constraintsS3Uri:
      's3://ml-monitoring/baselines/churn-xgb/explainability/analysis.json',
  },
};

const common = {
  RoleArn: input.roleArn,
  JobResources: {
    ClusterConfig: {
      InstanceCount: 1,
      InstanceType: 'ml.m5.xlarge',
      VolumeSizeInGB: 20,
    },
  },
  StoppingCondition: { MaxRuntimeInSeconds: 1800 },
};
const endpointInput = {
  EndpointName: 'churn-xgb',
  LocalPath: '/opt/ml/processing/input/endpoint',
  S3InputMode: 'File',
  S3DataDistributionType: 'FullyReplicated',
};
const outputConfig = {
  MonitoringOutputs: [
    {
      S3Output: {
        S3Uri: 's3://ml-monitoring/reports',
        LocalPath: '/opt/ml/processing/output',
        S3UploadMode: 'EndOfJob',
      },
    },
  ],
};

describe('mlmon:sagemaker:onboard with Clarify monitors', () => {
  let aws: ReturnType<typeof fakeAwsAccount>;
  const action = onboardSageMakerEndpointAction({
    config,
    catalog: catalogServiceMock(),
    pollMs: 1,
  });
  const run = async (values: Record<string, unknown>, isDryRun = false) => {
    const ctx = { ...createMockActionContext(), input: values, isDryRun };
    await action.handler(ctx as any);
    return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
  };

  beforeEach(() => {
    aws = fakeAwsAccount();
    aws.objects
      .add('s3://ml-monitoring/baselines/churn-xgb/statistics.json')
      .add('s3://ml-monitoring/baselines/churn-xgb/constraints.json');
  });
  afterEach(() => aws.restore());

  it('writes the analysis configurations and creates the bias and explainability definitions and schedules', async () => {
    const output = await run(input);
    const { sageMaker, s3 } = aws.mocks;

    const puts = s3.commandCalls(PutObjectCommand).map(c => c.args[0].input);
    expect(puts.map(p => `s3://${p.Bucket}/${p.Key}`)).toEqual([
      expect.stringMatching(
        /^s3:\/\/ml-monitoring\/reports\/churn-xgb-model-bias\/[0-9a-f]{8}\/analysis_config\.json$/,
      ),
      expect.stringMatching(
        /^s3:\/\/ml-monitoring\/reports\/churn-xgb-model-explainability\/[0-9a-f]{8}\/analysis_config\.json$/,
      ),
    ]);
    const [biasConfigUri, shapConfigUri] = puts.map(
      p => `s3://${p.Bucket}/${p.Key}`,
    );
    expect(JSON.parse(aws.bodies.get(biasConfigUri)!)).toEqual({
      label: 'income',
      label_values_or_threshold: [1],
      facet: [{ name_or_index: 'sex', value_or_threshold: ['Female'] }],
      headers,
      methods: { post_training_bias: { methods: ['DPPL', 'DI'] } },
      probability_threshold: 0.6,
    });
    expect(JSON.parse(aws.bodies.get(shapConfigUri)!)).toEqual({
      methods: {
        shap: {
          baseline: [[38.5, 10, 'Male', 40]],
          num_samples: 50,
          agg_method: 'mean_abs',
          use_logit: false,
        },
      },
      // The endpoint's model, from its endpoint config; index "0" as Clarify's number.
      predictor: {
        model_name: 'churn-xgb-model',
        instance_type: 'ml.m5.xlarge',
        initial_instance_count: 1,
        content_type: 'text/csv',
        accept_type: 'text/csv',
        probability: 0,
      },
      headers,
    });

    const [bias] = sageMaker.commandCalls(CreateModelBiasJobDefinitionCommand);
    expect(bias.args[0].input).toEqual({
      JobDefinitionName: 'churn-xgb-model-bias',
      ...common,
      ModelBiasBaselineConfig: {
        ConstraintsResource: {
          S3Uri: 's3://ml-monitoring/baselines/churn-xgb/bias/analysis.json',
        },
      },
      ModelBiasAppSpecification: {
        ImageUri: CLARIFY_IMAGE,
        ConfigUri: biasConfigUri,
        Environment: { publish_cloudwatch_metrics: 'Enabled' },
      },
      ModelBiasJobInput: {
        EndpointInput: {
          ...endpointInput,
          FeaturesAttribute: undefined,
          InferenceAttribute: undefined,
          ProbabilityAttribute: '0',
          ProbabilityThresholdAttribute: 0.6,
        },
        GroundTruthS3Input: {
          S3Uri: 's3://ml-monitoring/ground-truth/churn-xgb',
        },
      },
      ModelBiasJobOutputConfig: outputConfig,
    });
    const [shap] = sageMaker.commandCalls(
      CreateModelExplainabilityJobDefinitionCommand,
    );
    expect(shap.args[0].input).toEqual({
      JobDefinitionName: 'churn-xgb-model-explainability',
      ...common,
      ModelExplainabilityBaselineConfig: {
        ConstraintsResource: {
          S3Uri:
            's3://ml-monitoring/baselines/churn-xgb/explainability/analysis.json',
        },
      },
      ModelExplainabilityAppSpecification: {
        ImageUri: CLARIFY_IMAGE,
        ConfigUri: shapConfigUri,
        Environment: { publish_cloudwatch_metrics: 'Enabled' },
      },
      ModelExplainabilityJobInput: {
        EndpointInput: {
          ...endpointInput,
          FeaturesAttribute: undefined,
          InferenceAttribute: undefined,
          ProbabilityAttribute: '0',
        },
      },
      ModelExplainabilityJobOutputConfig: outputConfig,
    });

    const schedules = sageMaker
      .commandCalls(CreateMonitoringScheduleCommand)
      .map(c => c.args[0].input);
    expect(schedules.slice(1)).toEqual([
      {
        MonitoringScheduleName: 'churn-xgb-model-bias',
        MonitoringScheduleConfig: {
          ScheduleConfig: { ScheduleExpression: 'cron(0 * ? * * *)' },
          MonitoringJobDefinitionName: 'churn-xgb-model-bias',
          MonitoringType: 'ModelBias',
        },
      },
      {
        MonitoringScheduleName: 'churn-xgb-model-explainability',
        MonitoringScheduleConfig: {
          ScheduleConfig: { ScheduleExpression: 'cron(0 * ? * * *)' },
          MonitoringJobDefinitionName: 'churn-xgb-model-explainability',
          MonitoringType: 'ModelExplainability',
        },
      },
    ]);
    expect(output.annotations['mlmon.dev/monitoring-schedules']).toBe(
      'churn-xgb-data-quality,churn-xgb-model-bias,churn-xgb-model-explainability',
    );
    expect(output.schedules).toEqual([
      'churn-xgb-data-quality',
      'churn-xgb-model-bias',
      'churn-xgb-model-explainability',
    ]);
    expect(output.jobDefinitions).toEqual([
      'churn-xgb-data-quality',
      'churn-xgb-model-bias',
      'churn-xgb-model-explainability',
    ]);
  });

  it('makes only read calls in a dry run', async () => {
    const output = await run(input, true);
    expect(aws.calls().filter(c => MUTATING.test(c))).toEqual([]);
    expect(aws.calls()).toEqual(
      expect.arrayContaining([
        's3.HeadObject',
        'sageMaker.DescribeModelBiasJobDefinition',
        'sageMaker.DescribeModelExplainabilityJobDefinition',
      ]),
    );
    expect(output.schedules).toEqual([
      'churn-xgb-data-quality',
      'churn-xgb-model-bias',
      'churn-xgb-model-explainability',
    ]);
    expect(output.scheduleArns).toEqual([]);
  });

  it('creates nothing again on a second identical run', async () => {
    const first = await run(input);
    const before = aws.calls().filter(c => MUTATING.test(c)).length;
    const second = await run(input);
    expect(
      aws
        .calls()
        .filter(c => MUTATING.test(c))
        .slice(before),
    ).toEqual([]);
    expect(second).toEqual(first);
    expect(first.scheduleArns).toHaveLength(3);
  });

  it('fails clearly when a definition of the same name monitors with another configuration', async () => {
    await run(input);
    const changed = {
      ...input,
      modelBias: {
        ...input.modelBias,
        facet: { name: 'sex', valuesOrThreshold: ['Male'] },
      },
    };
    await expect(run(changed)).rejects.toThrow(
      /job definition churn-xgb-model-bias exists with another configuration \(baseline, analysis config, .*give another namePrefix/,
    );
  });

  it('names the step and the permission on AccessDenied', async () => {
    aws.mocks.s3.on(PutObjectCommand).rejects(
      Object.assign(new Error('Access Denied'), {
        name: 'AccessDenied',
        $metadata: { httpStatusCode: 403 },
      }),
    );
    await expect(run(input)).rejects.toThrow(
      /^Clarify monitors: PutObject s3:\/\/ml-monitoring\/reports\/churn-xgb-model-bias\/[0-9a-f]{8}\/analysis_config\.json failed: AccessDenied: Access Denied \(the credentials/,
    );
    expect(
      aws
        .calls()
        .filter(c => /CreateModel(Bias|Explainability)JobDefinition/.test(c)),
    ).toEqual([]);
  });

  it('names the call and the permission when a job definition may not be created', async () => {
    const denied = Object.assign(
      new Error(
        'User is not authorized to perform: sagemaker:CreateModelBiasJobDefinition',
      ),
      {
        name: 'AccessDeniedException',
        $metadata: { httpStatusCode: 403 },
      },
    );
    aws.mocks.sageMaker.on(CreateModelBiasJobDefinitionCommand).rejects(denied);
    await expect(run(input)).rejects.toThrow(
      /^Monitoring schedules: CreateModelBiasJobDefinition failed: AccessDeniedException: User is not authorized .* lack the permission/,
    );
    expect(aws.calls().filter(c => /CreateMonitoringSchedule/.test(c))).toEqual(
      ['sageMaker.CreateMonitoringSchedule'],
    );
  });

  it('asks for the model when the endpoint serves several', async () => {
    aws.endpointConfigs.get('churn-xgb-config-1')!.ProductionVariants!.push({
      VariantName: 'Canary',
      ModelName: 'churn-xgb-model-v2',
    });
    await expect(run({ ...input, modelBias: undefined }, true)).rejects.toThrow(
      'modelExplainability.modelName: endpoint churn-xgb serves several models (churn-xgb-model, churn-xgb-model-v2); give the model Clarify should explain',
    );
  });

  describe('bad input names the field and calls no AWS API', () => {
    it.each([
      [
        {
          modelExplainability: {
            ...input.modelExplainability,
            shapBaselineS3Uri: 's3://ml-data/baseline.csv',
          },
        },
        /^modelExplainability: give either shapBaselineS3Uri/,
      ],
      [
        {
          modelExplainability: {
            ...input.modelExplainability,
            shapBaseline: [[1, 2]],
          },
        },
        /^modelExplainability\.shapBaseline\.0: has 2 values for 4 headers/,
      ],
      [
        { modelBias: { ...input.modelBias, probabilityAttribute: undefined } },
        /^modelBias: give inferenceAttribute or probabilityAttribute/,
      ],
      [
        { modelBias: { ...input.modelBias, metrics: ['XYZ'] } },
        /^modelBias\.metrics\.0: /,
      ],
      [
        { modelBias: { ...input.modelBias, groundTruthS3Uri: 'ground-truth' } },
        /^modelBias\.groundTruthS3Uri: must be an s3:\/\//,
      ],
      [
        {
          modelExplainability: {
            ...input.modelExplainability,
            headers: ['a,b'],
          },
        },
        /^modelExplainability\.headers\.0: /,
      ],
    ])('%j', async (override, message) => {
      await expect(run({ ...input, ...override })).rejects.toThrow(message);
      expect(aws.calls()).toEqual([]);
    });
  });
});
