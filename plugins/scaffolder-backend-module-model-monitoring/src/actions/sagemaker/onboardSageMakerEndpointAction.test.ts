import { StartQueryExecutionCommand } from '@aws-sdk/client-athena';
import { PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import {
  CreateDataQualityJobDefinitionCommand,
  CreateEndpointConfigCommand,
  CreateModelQualityJobDefinitionCommand,
  CreateMonitoringScheduleCommand,
  CreateProcessingJobCommand,
  DescribeEndpointCommand,
  UpdateEndpointCommand,
} from '@aws-sdk/client-sagemaker';
import { SubscribeCommand } from '@aws-sdk/client-sns';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { onboardSageMakerEndpointAction } from './onboardSageMakerEndpointAction';
import { fakeAwsAccount } from './__testUtils__/fakeAwsAccount';

const ARN = 'arn:aws:sagemaker:eu-west-1:123456789012:endpoint/churn-xgb';
const MUTATING = /\.(Create|Update|Put|Subscribe|Start|Delete|Stop)/;

// Static keys for the endpoint's account: the credential manager needs no STS call.
const config = mockServices.rootConfig({
  data: {
    aws: { accounts: [{ accountId: '123456789012', accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }] },
    modelMonitoring: { sagemaker: { athena: { database: 'model_monitoring' } } },
  },
});

const fullInput = {
  endpointArn: ARN,
  roleArn: 'arn:aws:iam::123456789012:role/model-monitor',
  reportsS3Uri: 's3://ml-monitoring/reports',
  dataCapture: { enable: true, destinationS3Uri: 's3://ml-monitoring/capture', samplingPercentage: 50 },
  baseline: { datasetS3Uri: 's3://ml-data/churn/train.csv', outputS3Uri: 's3://ml-monitoring/baselines/churn-xgb' },
  modelQuality: { problemType: 'BinaryClassification', groundTruthS3Uri: 's3://ml-monitoring/ground-truth/churn-xgb', probabilityAttribute: '0', probabilityThreshold: 0.5 },
  alerting: { email: 'ml-platform@example.com', features: ['tenure', 'monthly_charges'], threshold: 0.2 },
  quickSightDashboardId: 'churn-monitoring',
  modelCard: 'churn-xgb-card',
};

describe('mlmon:sagemaker:onboard', () => {
  let aws: ReturnType<typeof fakeAwsAccount>;
  const action = onboardSageMakerEndpointAction({ config, catalog: catalogServiceMock(), pollMs: 1 });
  const run = async (input: Record<string, unknown>, isDryRun = false) => {
    // createMockActionContext drops isDryRun, so both are set afterwards.
    const ctx = { ...createMockActionContext(), input, isDryRun };
    await action.handler(ctx as any);
    return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
  };

  beforeEach(() => {
    aws = fakeAwsAccount();
  });
  afterEach(() => aws.restore());

  it('turns capture on, baselines, schedules, creates the Athena table and the alarms, and outputs the annotations', async () => {
    const output = await run(fullInput);
    const { sageMaker, athena, sns, cloudWatch } = aws.mocks;

    const [config1] = sageMaker.commandCalls(CreateEndpointConfigCommand);
    expect(config1.args[0].input).toMatchObject({
      EndpointConfigName: expect.stringMatching(/^churn-xgb-capture-[0-9a-f]{8}$/),
      ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'churn-xgb-model', InstanceType: 'ml.m5.large' }],
      DataCaptureConfig: {
        EnableCapture: true,
        InitialSamplingPercentage: 50,
        DestinationS3Uri: 's3://ml-monitoring/capture',
        CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }],
      },
    });
    const [update] = sageMaker.commandCalls(UpdateEndpointCommand);
    expect(update.args[0].input).toEqual({ EndpointName: 'churn-xgb', EndpointConfigName: config1.args[0].input.EndpointConfigName });

    const [job] = sageMaker.commandCalls(CreateProcessingJobCommand);
    expect(job.args[0].input).toMatchObject({
      ProcessingJobName: expect.stringMatching(/^churn-xgb-baseline-[0-9a-f]{8}$/),
      RoleArn: fullInput.roleArn,
      AppSpecification: { ImageUri: '468650794304.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-model-monitor-analyzer' },
      ProcessingInputs: [{ S3Input: { S3Uri: 's3://ml-data/churn/train.csv', LocalPath: '/opt/ml/processing/input/baseline_dataset_input' } }],
      ProcessingOutputConfig: { Outputs: [{ S3Output: { S3Uri: 's3://ml-monitoring/baselines/churn-xgb' } }] },
      Environment: {
        dataset_format: '{"csv":{"header":true,"output_columns_position":"START"}}',
        dataset_source: '/opt/ml/processing/input/baseline_dataset_input',
        output_path: '/opt/ml/processing/output',
      },
    });

    const [dq] = sageMaker.commandCalls(CreateDataQualityJobDefinitionCommand);
    expect(dq.args[0].input).toMatchObject({
      JobDefinitionName: 'churn-xgb-data-quality',
      DataQualityBaselineConfig: {
        ConstraintsResource: { S3Uri: 's3://ml-monitoring/baselines/churn-xgb/constraints.json' },
        StatisticsResource: { S3Uri: 's3://ml-monitoring/baselines/churn-xgb/statistics.json' },
      },
      DataQualityAppSpecification: { Environment: { publish_cloudwatch_metrics: 'Enabled' } },
      DataQualityJobInput: { EndpointInput: { EndpointName: 'churn-xgb' } },
      DataQualityJobOutputConfig: { MonitoringOutputs: [{ S3Output: { S3Uri: 's3://ml-monitoring/reports' } }] },
    });
    const [mq] = sageMaker.commandCalls(CreateModelQualityJobDefinitionCommand);
    expect(mq.args[0].input).toMatchObject({
      JobDefinitionName: 'churn-xgb-model-quality',
      ModelQualityAppSpecification: { ProblemType: 'BinaryClassification' },
      ModelQualityJobInput: {
        EndpointInput: { EndpointName: 'churn-xgb', ProbabilityAttribute: '0', ProbabilityThresholdAttribute: 0.5 },
        GroundTruthS3Input: { S3Uri: 's3://ml-monitoring/ground-truth/churn-xgb' },
      },
    });
    expect(sageMaker.commandCalls(CreateMonitoringScheduleCommand).map(c => c.args[0].input)).toEqual([
      {
        MonitoringScheduleName: 'churn-xgb-data-quality',
        MonitoringScheduleConfig: { ScheduleConfig: { ScheduleExpression: 'cron(0 * ? * * *)' }, MonitoringJobDefinitionName: 'churn-xgb-data-quality', MonitoringType: 'DataQuality' },
      },
      {
        MonitoringScheduleName: 'churn-xgb-model-quality',
        MonitoringScheduleConfig: { ScheduleConfig: { ScheduleExpression: 'cron(0 * ? * * *)' }, MonitoringJobDefinitionName: 'churn-xgb-model-quality', MonitoringType: 'ModelQuality' },
      },
    ]);

    const [query] = athena.commandCalls(StartQueryExecutionCommand);
    expect(query.args[0].input.QueryExecutionContext).toEqual({ Catalog: 'AwsDataCatalog', Database: 'model_monitoring' });
    expect(query.args[0].input.QueryString).toContain('CREATE EXTERNAL TABLE IF NOT EXISTS `model_monitoring`.`sagemaker_constraint_violations`');
    expect(query.args[0].input.QueryString).toContain("LOCATION 's3://ml-monitoring/reports/'");

    expect(sns.commandCalls(SubscribeCommand)[0].args[0].input).toEqual({
      TopicArn: 'arn:aws:sns:eu-west-1:123456789012:churn-xgb-model-monitoring-alerts',
      Protocol: 'email',
      Endpoint: 'ml-platform@example.com',
    });
    const alarms = cloudWatch.commandCalls(PutMetricAlarmCommand).map(c => c.args[0].input);
    expect(alarms).toHaveLength(2);
    expect(alarms[0]).toMatchObject({
      AlarmName: 'churn-xgb-baseline-drift-tenure',
      Namespace: 'aws/sagemaker/Endpoints/data-metrics',
      MetricName: 'feature_baseline_drift_tenure',
      Dimensions: [{ Name: 'Endpoint', Value: 'churn-xgb' }, { Name: 'MonitoringSchedule', Value: 'churn-xgb-data-quality' }],
      Threshold: 0.2,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: ['arn:aws:sns:eu-west-1:123456789012:churn-xgb-model-monitoring-alerts'],
    });

    expect(output.annotations).toEqual({
      'mlmon.dev/endpoint': ARN,
      'mlmon.dev/monitoring-schedules': 'churn-xgb-data-quality,churn-xgb-model-quality',
      'mlmon.dev/quicksight-dashboard': 'churn-monitoring',
      'mlmon.dev/model-card': 'churn-xgb-card',
    });
    expect(output.scheduleArns).toEqual([
      'arn:aws:sagemaker:eu-west-1:123456789012:monitoring-schedule/churn-xgb-data-quality',
      'arn:aws:sagemaker:eu-west-1:123456789012:monitoring-schedule/churn-xgb-model-quality',
    ]);
    expect(output.athenaTable).toBe('model_monitoring.sagemaker_constraint_violations');
    expect(output.topicArn).toBe('arn:aws:sns:eu-west-1:123456789012:churn-xgb-model-monitoring-alerts');
    expect(output.dataCaptureS3Uri).toBe('s3://ml-monitoring/capture');
  });

  it('creates nothing again on a second identical run and gives the same outputs', async () => {
    const first = await run(fullInput);
    const before = aws.calls().filter(c => MUTATING.test(c));
    const second = await run(fullInput);
    const after = aws.calls().filter(c => MUTATING.test(c));
    // CreateTopic returns the existing topic and PutMetricAlarm is an upsert: both may repeat.
    expect(after.slice(before.length).filter(c => !/CreateTopic|PutMetricAlarm/.test(c))).toEqual([]);
    expect(second).toEqual(first);
  });

  it('makes only read calls in a dry run and says what it would create', async () => {
    const output = await run(fullInput, true);
    const calls = aws.calls();
    expect(calls.filter(c => MUTATING.test(c))).toEqual([]);
    expect(calls).toEqual(expect.arrayContaining(['sageMaker.DescribeEndpoint', 'sageMaker.DescribeMonitoringSchedule', 'athena.GetTableMetadata']));
    expect(output.annotations['mlmon.dev/monitoring-schedules']).toBe('churn-xgb-data-quality,churn-xgb-model-quality');
    expect(output.scheduleArns).toEqual([]);
  });

  it('reuses existing capture and baseline: no endpoint update, no baselining job', async () => {
    aws.objects.add('s3://ml-monitoring/baselines/churn-xgb/statistics.json').add('s3://ml-monitoring/baselines/churn-xgb/constraints.json');
    await run(fullInput); // turns capture on
    const input = { ...fullInput, baseline: { s3Uri: 's3://ml-monitoring/baselines/churn-xgb/' } };
    const calls = aws.calls().length;
    await run(input);
    expect(aws.calls().slice(calls).filter(c => /UpdateEndpoint|CreateProcessingJob|CreateEndpointConfig/.test(c))).toEqual([]);
  });

  it('refuses an existing baseline prefix without constraints.json, naming the field', async () => {
    aws.objects.add('s3://ml-monitoring/baselines/churn-xgb/statistics.json');
    await expect(run({ ...fullInput, baseline: { s3Uri: 's3://ml-monitoring/baselines/churn-xgb' } })).rejects.toThrow(
      /baseline\.s3Uri: s3:\/\/ml-monitoring\/baselines\/churn-xgb\/constraints\.json does not exist/,
    );
  });

  it('fails clearly on a schedule of the same name that monitors something else', async () => {
    await run(fullInput);
    aws.schedules.get('churn-xgb-data-quality')!.MonitoringScheduleConfig.ScheduleExpression = 'cron(0 0 ? * * *)';
    aws.schedules.get('churn-xgb-data-quality')!.MonitoringScheduleConfig.ScheduleConfig = { ScheduleExpression: 'cron(0 0 ? * * *)' };
    await expect(run(fullInput)).rejects.toThrow(/schedule churn-xgb-data-quality exists with another cron \(cron\(0 0 \? \* \* \*\) instead of cron\(0 \* \? \* \* \*\)\)/);
  });

  it('refuses an endpoint without capture unless told to turn it on', async () => {
    await expect(run({ ...fullInput, dataCapture: undefined })).rejects.toThrow(/dataCapture\.enable: endpoint churn-xgb does not capture/);
    expect(aws.calls().filter(c => MUTATING.test(c))).toEqual([]);
  });

  describe('AWS errors name the step', () => {
    const awsError = (name: string, message: string, status = 400) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });

    it('AccessDeniedException', async () => {
      aws.mocks.sageMaker.on(DescribeEndpointCommand).rejects(awsError('AccessDeniedException', 'User is not authorized to perform: sagemaker:DescribeEndpoint', 403));
      await expect(run(fullInput)).rejects.toThrow(
        /^Data capture: DescribeEndpoint failed: AccessDeniedException: User is not authorized .* lack the permission/,
      );
    });

    it('ResourceInUse', async () => {
      aws.mocks.sageMaker.on(CreateMonitoringScheduleCommand).rejects(awsError('ResourceInUse', 'Schedule is being updated'));
      await expect(run(fullInput)).rejects.toThrow(/^Monitoring schedules: CreateMonitoringSchedule failed: ResourceInUse: Schedule is being updated \(the resource is being changed/);
    });

    it('ThrottlingException', async () => {
      aws.mocks.cloudWatch.on(PutMetricAlarmCommand).rejects(awsError('ThrottlingException', 'Rate exceeded'));
      await expect(run(fullInput)).rejects.toThrow(/^Alerting: PutMetricAlarm churn-xgb-baseline-drift-tenure failed: ThrottlingException: Rate exceeded \(throttled by AWS after retries; running the task again is safe\)/);
    });
  });

  describe('bad input names the field and calls no AWS API', () => {
    it.each([
      [{ endpointArn: 'arn:aws:sagemaker:eu-west-1:123:endpoint/x' }, /^endpointArn: must be a SageMaker endpoint ARN/],
      [{ endpointArn: 'churn-xgb' }, /^endpointArn: must be a SageMaker endpoint ARN/],
      [{ alerting: { email: 'not-an-address', features: [] } }, /^alerting\.email: must be an e-mail address/],
      [{ athena: { table: 'x; DROP TABLE y' } }, /^athena\.table: lower-case letters, digits and _/],
      [{ athena: { database: "db' --" } }, /^athena\.database: lower-case letters/],
      [{ reportsS3Uri: "s3://bucket/reports' OR 1=1" }, /^reportsS3Uri: must be an s3:\/\/bucket\/prefix location/],
      [{ baseline: { s3Uri: 's3://bucket/b', datasetS3Uri: 's3://bucket/c' } }, /^baseline: give either s3Uri/],
      [{ scheduleExpression: 'every hour' }, /^scheduleExpression: /],
      [{ alerting: { email: 'a@example.com', features: ['x y'] } }, /^alerting\.features\.0: /],
    ])('%j', async (override, message) => {
      await expect(run({ ...fullInput, ...override })).rejects.toThrow(message);
      expect(aws.calls()).toEqual([]);
    });
  });

  it('ships examples that parse as template steps for this action', () => {
    for (const example of action.examples ?? []) {
      const step = yaml.parse(example.example).steps[0];
      expect(step.action).toBe('mlmon:sagemaker:onboard');
      expect(step.input.endpointArn).toMatch(/^arn:aws:sagemaker:/);
      expect(step.input.baseline).toBeInstanceOf(Object);
    }
  });
});
