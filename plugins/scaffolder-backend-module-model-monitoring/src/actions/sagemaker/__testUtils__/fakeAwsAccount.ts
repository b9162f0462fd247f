import { AthenaClient, GetQueryExecutionCommand, GetTableMetadataCommand, MetadataException, StartQueryExecutionCommand } from '@aws-sdk/client-athena';
import { CloudWatchClient, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { HeadObjectCommand, NotFound, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  CreateDataQualityJobDefinitionCommand,
  CreateEndpointConfigCommand,
  CreateModelBiasJobDefinitionCommand,
  CreateModelExplainabilityJobDefinitionCommand,
  CreateModelQualityJobDefinitionCommand,
  CreateMonitoringScheduleCommand,
  CreateProcessingJobCommand,
  DescribeDataQualityJobDefinitionCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelBiasJobDefinitionCommand,
  DescribeModelExplainabilityJobDefinitionCommand,
  DescribeModelQualityJobDefinitionCommand,
  DescribeMonitoringScheduleCommand,
  DescribeProcessingJobCommand,
  ResourceNotFound,
  SageMakerClient,
  UpdateEndpointCommand,
  type CreateEndpointConfigCommandInput,
} from '@aws-sdk/client-sagemaker';
import { CreateTopicCommand, ListSubscriptionsByTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const meta = { $metadata: { httpStatusCode: 400 } };

/** SageMaker's answer to a Describe of something missing, as the real service words it. */
function validationNotFound(what: string) {
  return Object.assign(new Error(`Could not find ${what}.`), { name: 'ValidationException', ...meta });
}

/**
 * A small in-memory AWS account behind the real SDK clients (aws-sdk-client-mock replaces their
 * `send`): Describe answers from what Create stored, an endpoint update and a processing job
 * finish on the next Describe, as they would after a while. Every call stays recorded on the
 * mocks for assertions.
 */
export function fakeAwsAccount() {
  const sageMaker = mockClient(SageMakerClient);
  const s3 = mockClient(S3Client);
  const athena = mockClient(AthenaClient);
  const sns = mockClient(SNSClient);
  const cloudWatch = mockClient(CloudWatchClient);

  const endpointConfigs = new Map<string, CreateEndpointConfigCommandInput>([
    ['churn-xgb-config-1', {
      EndpointConfigName: 'churn-xgb-config-1',
      ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'churn-xgb-model', InitialInstanceCount: 1, InstanceType: 'ml.m5.large', InitialVariantWeight: 1 }],
    }],
  ]);
  const endpoint = { name: 'churn-xgb', config: 'churn-xgb-config-1', status: 'InService', pendingConfig: undefined as string | undefined };
  const jobs = new Map<string, { status: string; describes: number }>();
  const definitions = new Map<string, Record<string, unknown>>();
  const schedules = new Map<string, Record<string, any>>();
  const tables = new Map<string, string>();
  const queries = new Map<string, string>();
  const topics = new Map<string, string[]>();
  const objects = new Set<string>();
  /** Bodies of the objects written with PutObject, by s3:// URI. */
  const bodies = new Map<string, string>();

  sageMaker.on(DescribeEndpointCommand).callsFake(async input => {
    if (input.EndpointName !== endpoint.name) throw validationNotFound(`endpoint "${input.EndpointName}"`);
    if (endpoint.status === 'Updating') {
      // The update finishes between two polls.
      const answer = { EndpointName: endpoint.name, EndpointStatus: 'Updating', EndpointConfigName: endpoint.config, DataCaptureConfig: capture(endpoint.config) };
      endpoint.config = endpoint.pendingConfig!;
      endpoint.status = 'InService';
      return answer;
    }
    return {
      EndpointName: endpoint.name,
      EndpointArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:endpoint/${endpoint.name}`,
      EndpointStatus: endpoint.status,
      EndpointConfigName: endpoint.config,
      DataCaptureConfig: capture(endpoint.config),
    };
  });
  function capture(configName: string) {
    const c = endpointConfigs.get(configName)?.DataCaptureConfig;
    return c?.EnableCapture
      ? { EnableCapture: true, CaptureStatus: 'Started', CurrentSamplingPercentage: c.InitialSamplingPercentage, DestinationS3Uri: c.DestinationS3Uri }
      : undefined;
  }
  sageMaker.on(DescribeEndpointConfigCommand).callsFake(async input => {
    const config = endpointConfigs.get(input.EndpointConfigName!);
    if (!config) throw validationNotFound(`endpoint configuration "${input.EndpointConfigName}"`);
    return config;
  });
  sageMaker.on(CreateEndpointConfigCommand).callsFake(async input => {
    endpointConfigs.set(input.EndpointConfigName!, input);
    return { EndpointConfigArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:endpoint-config/${input.EndpointConfigName}` };
  });
  sageMaker.on(UpdateEndpointCommand).callsFake(async input => {
    endpoint.status = 'Updating';
    endpoint.pendingConfig = input.EndpointConfigName;
    return { EndpointArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:endpoint/${endpoint.name}` };
  });
  sageMaker.on(DescribeProcessingJobCommand).callsFake(async input => {
    const job = jobs.get(input.ProcessingJobName!);
    if (!job) throw new ResourceNotFound({ message: `Processing job ${input.ProcessingJobName} does not exist`, ...meta });
    job.describes += 1;
    if (job.describes > 1) job.status = 'Completed';
    return { ProcessingJobName: input.ProcessingJobName, ProcessingJobStatus: job.status };
  });
  sageMaker.on(CreateProcessingJobCommand).callsFake(async input => {
    jobs.set(input.ProcessingJobName!, { status: 'InProgress', describes: 0 });
    const out = input.ProcessingOutputConfig!.Outputs![0].S3Output!.S3Uri!.replace(/\/+$/, '');
    objects.add(`${out}/statistics.json`).add(`${out}/constraints.json`);
    return { ProcessingJobArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:processing-job/${input.ProcessingJobName}` };
  });
  const definitionArn = (name: string) => `arn:aws:sagemaker:${REGION}:${ACCOUNT}:monitoring-job-definition/${name}`;
  for (const [Describe, Create] of [
    [DescribeDataQualityJobDefinitionCommand, CreateDataQualityJobDefinitionCommand],
    [DescribeModelQualityJobDefinitionCommand, CreateModelQualityJobDefinitionCommand],
    [DescribeModelBiasJobDefinitionCommand, CreateModelBiasJobDefinitionCommand],
    [DescribeModelExplainabilityJobDefinitionCommand, CreateModelExplainabilityJobDefinitionCommand],
  ] as const) {
    sageMaker.on(Describe as typeof DescribeDataQualityJobDefinitionCommand).callsFake(async input => {
      const definition = definitions.get(input.JobDefinitionName!);
      if (!definition) throw new ResourceNotFound({ message: `Job definition ${input.JobDefinitionName} not found`, ...meta });
      return { ...definition, JobDefinitionArn: definitionArn(input.JobDefinitionName!) };
    });
    sageMaker.on(Create as typeof CreateDataQualityJobDefinitionCommand).callsFake(async input => {
      definitions.set(input.JobDefinitionName!, input as Record<string, unknown>);
      return { JobDefinitionArn: definitionArn(input.JobDefinitionName!) };
    });
  }
  sageMaker.on(DescribeMonitoringScheduleCommand).callsFake(async input => {
    const schedule = schedules.get(input.MonitoringScheduleName!);
    if (!schedule) throw new ResourceNotFound({ message: `Monitoring schedule ${input.MonitoringScheduleName} not found`, ...meta });
    return schedule;
  });
  sageMaker.on(CreateMonitoringScheduleCommand).callsFake(async input => {
    const name = input.MonitoringScheduleName!;
    const arn = `arn:aws:sagemaker:${REGION}:${ACCOUNT}:monitoring-schedule/${name}`;
    schedules.set(name, {
      MonitoringScheduleArn: arn,
      MonitoringScheduleName: name,
      MonitoringScheduleStatus: 'Scheduled',
      MonitoringType: input.MonitoringScheduleConfig!.MonitoringType,
      MonitoringScheduleConfig: input.MonitoringScheduleConfig,
      EndpointName: endpoint.name,
    });
    return { MonitoringScheduleArn: arn };
  });

  s3.on(PutObjectCommand).callsFake(async input => {
    const uri = `s3://${input.Bucket}/${input.Key}`;
    objects.add(uri);
    bodies.set(uri, String(input.Body));
    return { ETag: '"etag"' };
  });
  s3.on(HeadObjectCommand).callsFake(async input => {
    if (!objects.has(`s3://${input.Bucket}/${input.Key}`)) throw new NotFound({ message: 'Not Found', $metadata: { httpStatusCode: 404 } });
    return { ContentLength: 100 };
  });

  athena.on(GetTableMetadataCommand).callsFake(async input => {
    const location = tables.get(`${input.DatabaseName}.${input.TableName}`);
    if (!location) throw new MetadataException({ message: `Table ${input.TableName} not found in database ${input.DatabaseName}`, ...meta });
    return { TableMetadata: { Name: input.TableName, Parameters: { location } } };
  });
  athena.on(StartQueryExecutionCommand).callsFake(async input => {
    const id = `query-${queries.size + 1}`;
    queries.set(id, input.QueryString!);
    const match = /`(\w+)`\.`(\w+)`[\s\S]*LOCATION '([^']+)'/.exec(input.QueryString!);
    if (match) tables.set(`${match[1]}.${match[2]}`, match[3]);
    return { QueryExecutionId: id };
  });
  athena.on(GetQueryExecutionCommand).callsFake(async input => ({
    QueryExecution: { QueryExecutionId: input.QueryExecutionId, Status: { State: 'SUCCEEDED' } },
  }));

  sns.on(CreateTopicCommand).callsFake(async input => {
    if (!topics.has(input.Name!)) topics.set(input.Name!, []);
    return { TopicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:${input.Name}` };
  });
  sns.on(ListSubscriptionsByTopicCommand).callsFake(async input => {
    const emails = topics.get(input.TopicArn!.split(':').pop()!) ?? [];
    return { Subscriptions: emails.map(e => ({ Protocol: 'email', Endpoint: e, SubscriptionArn: 'PendingConfirmation', TopicArn: input.TopicArn })) };
  });
  sns.on(SubscribeCommand).callsFake(async input => {
    topics.get(input.TopicArn!.split(':').pop()!)!.push(input.Endpoint!);
    return { SubscriptionArn: 'pending confirmation' };
  });
  cloudWatch.on(PutMetricAlarmCommand).resolves({});

  return {
    mocks: { sageMaker, s3, athena, sns, cloudWatch },
    endpointConfigs,
    objects,
    bodies,
    definitions,
    schedules,
    /** Every call made, as `Service.Command`, in order per service. */
    calls(): string[] {
      return Object.entries({ sageMaker, s3, athena, sns, cloudWatch }).flatMap(([service, mock]) =>
        mock.calls().map(call => `${service}.${(call.args[0] as object).constructor.name.replace(/Command$/, '')}`),
      );
    },
    restore() {
      for (const mock of [sageMaker, s3, athena, sns, cloudWatch]) mock.restore();
    },
  };
}
