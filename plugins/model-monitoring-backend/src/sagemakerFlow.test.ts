import { AthenaClient, GetQueryExecutionCommand, GetQueryResultsCommand, StartQueryExecutionCommand } from '@aws-sdk/client-athena';
import { CloudWatchClient, DescribeAlarmsCommand, GetMetricDataCommand, ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { GenerateEmbedUrlForRegisteredUserCommand, QuickSightClient } from '@aws-sdk/client-quicksight';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import {
  DescribeEndpointCommand,
  DescribeModelCardCommand,
  DescribeMonitoringScheduleCommand,
  DescribeProcessingJobCommand,
  ListMonitoringExecutionsCommand,
  ListMonitoringSchedulesCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { mockClient } from 'aws-sdk-client-mock';
import fs from 'node:fs';
import request from 'supertest';
import { sagemakerSample } from './testing/sharedFolder';
import { startTestS3Server, type TestS3Server } from '@mlmon/monitor-engine/testUtils';
import { modelMonitoringPlugin } from './plugin';

jest.setTimeout(120_000);

const ARN = 'arn:aws:sagemaker:eu-west-1:123456789012:endpoint/churn';
const BASE = '/api/model-monitoring/entities/default/component/churn';
const VIOLATIONS = sagemakerSample(
  'data-science-on-aws__data-science-on-aws/07_train/wip/debugger-monitor/02_deploy_and_monitor/deploy_and_monitor.ipynb.extracted/monitoring-execution/constraint_violations.json',
);
const churn: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'churn',
    namespace: 'default',
    annotations: { 'mlmon.dev/endpoint': ARN, 'mlmon.dev/model-card': 'churn-card', 'mlmon.dev/quicksight-dashboard': 'dash-1' },
  },
  spec: { type: 'ml-model', owner: 'team-a', lifecycle: 'production' },
};
const churnB: Entity = { ...churn, metadata: { ...churn.metadata, name: 'churn-b' } };
const throttled = () => Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
const denied = () => Object.assign(new Error('not authorized to perform sagemaker:DescribeModelCard'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } });

describe('SageMaker source through the backend', () => {
  const sagemaker = mockClient(SageMakerClient);
  const cloudWatch = mockClient(CloudWatchClient);
  const quickSight = mockClient(QuickSightClient);
  const athena = mockClient(AthenaClient);
  let s3: TestS3Server;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  const as = () => mockCredentials.user.header('user:default/alice');

  beforeAll(async () => {
    s3 = await startTestS3Server(['reports-bucket']);
    await s3.client().send(
      new PutObjectCommand({
        Bucket: 'reports-bucket',
        Key: 'monitoring/churn/churn-dq/2026/01/01/05/constraint_violations.json',
        Body: fs.readFileSync(VIOLATIONS),
      }),
    );
    ({ server } = await startTestBackend({
      features: [
        modelMonitoringPlugin,
        mockServices.database.factory(),
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'https://backstage.example.com' },
            // Static keys for the endpoint's account: the credentials manager then needs no STS
            // call to find out which account its keys belong to (no traffic leaves loopback).
            aws: {
              mainAccount: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
              accounts: [{ accountId: '123456789012', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }],
            },
            modelMonitoring: {
              sagemaker: {
                region: 'eu-west-1',
                maxAttempts: 1,
                reportPrefixes: ['s3://reports-bucket/monitoring'],
                endpoints: { s3: s3.endpoint },
                athena: { database: 'mlmon', workGroup: 'primary' },
                quickSight: {
                  accountId: '123456789012',
                  users: [{ userEntityRef: 'user:default/alice', quickSightUserName: 'alice' }],
                  allowedDomains: ['https://grafana.example.com'],
                },
              },
            },
          },
        }),
        createServiceFactory({ service: catalogServiceRef, deps: {}, factory: () => catalogServiceMock({ entities: [churn, churnB] }) }),
      ],
    }));
  });
  afterAll(async () => {
    await s3?.stop();
    sagemaker.restore();
    cloudWatch.restore();
    quickSight.restore();
    athena.restore();
  });
  beforeEach(() => {
    sagemaker.reset();
    cloudWatch.reset();
    quickSight.reset();
    athena.reset();
  });

  function schedules() {
    sagemaker
      .on(ListMonitoringSchedulesCommand, { NextToken: undefined })
      .resolves({ MonitoringScheduleSummaries: [{ MonitoringScheduleName: 'churn-dq' } as never], NextToken: 'p2' })
      .on(ListMonitoringSchedulesCommand, { NextToken: 'p2' })
      .resolves({ MonitoringScheduleSummaries: [{ MonitoringScheduleName: 'churn-mq' } as never] });
    sagemaker.on(DescribeMonitoringScheduleCommand, { MonitoringScheduleName: 'churn-dq' }).resolves({
      MonitoringScheduleName: 'churn-dq',
      MonitoringScheduleStatus: 'Scheduled',
      MonitoringType: 'DataQuality',
      MonitoringScheduleConfig: { ScheduleConfig: { ScheduleExpression: 'cron(0 * ? * * *)' } },
      LastMonitoringExecutionSummary: {
        MonitoringScheduleName: 'churn-dq',
        ScheduledTime: new Date('2026-01-01T05:00:00Z'),
        CreationTime: new Date('2026-01-01T05:00:00Z'),
        LastModifiedTime: new Date('2026-01-01T05:20:00Z'),
        MonitoringExecutionStatus: 'CompletedWithViolations',
        ProcessingJobArn: 'arn:aws:sagemaker:eu-west-1:123456789012:processing-job/model-monitoring-202601010500-abc',
      },
    } as never);
    sagemaker.on(DescribeMonitoringScheduleCommand, { MonitoringScheduleName: 'churn-mq' }).resolves({
      MonitoringScheduleName: 'churn-mq',
      MonitoringScheduleStatus: 'Scheduled',
      MonitoringType: 'ModelQuality',
    } as never);
  }

  it('summarises every schedule of the endpoint (paginated), the model card rating and alarms', async () => {
    schedules();
    sagemaker.on(DescribeModelCardCommand).resolves({ Content: JSON.stringify({ intended_uses: { risk_rating: 'High' } }) } as never);
    cloudWatch.on(DescribeAlarmsCommand).resolves({
      MetricAlarms: [{ AlarmName: 'churn-drift', StateValue: 'ALARM', MetricName: 'feature_baseline_drift_age' }],
    });
    const res = await request(server).get(`${BASE}/summary`).set('Authorization', as());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      source: 'sagemaker',
      endpointName: 'churn',
      riskRating: 'High',
      riskRatingSource: 'model-card',
      health: 'InAlert',
      dashboardAvailable: true,
      cloudWatchAlarms: [{ alarmName: 'churn-drift', state: 'ALARM', metricName: 'feature_baseline_drift_age' }],
    });
    expect(res.body.monitors.map((m: { scheduleName: string; health: string }) => [m.scheduleName, m.health])).toEqual([
      ['churn-dq', 'Violations'],
      ['churn-mq', 'NoData'],
    ]);
    expect(res.body.errors).toBeUndefined();
    expect(cloudWatch.commandCalls(DescribeAlarmsCommand)[0].args[0].input.AlarmNamePrefix).toBe('churn');
  });

  it('keeps the summary when CloudWatch is throttled and the model card is denied, with one error per card', async () => {
    schedules();
    sagemaker.on(DescribeModelCardCommand).rejects(denied());
    cloudWatch.on(DescribeAlarmsCommand).rejects(throttled());
    // Another path than the cached summary: the cache only holds authorized results for 30 s.
    // A second entity on the same endpoint: the first one's summary is cached for 30 s.
    const res = await request(server).get(`${BASE}-b/summary`).set('Authorization', as());
    expect(res.status).toBe(200);
    expect(res.body.monitors).toHaveLength(2);
    expect(res.body.riskRating).toBe('Unknown');
    const errors = res.body.errors as Array<{ source: string; code: number; message: string }>;
    expect(errors.find(e => e.source === 'cloudwatch')).toMatchObject({ code: 429 });
    expect(errors.find(e => e.source === 'model-card')).toMatchObject({ code: 403 });
    expect(errors.find(e => e.source === 'model-card')!.message).toContain('churn-card');
  });

  it('pages through executions and answers empty ranges with no items', async () => {
    schedules();
    const summary = (t: string) => ({
      MonitoringScheduleName: 'churn-dq',
      ScheduledTime: new Date(t),
      CreationTime: new Date(t),
      LastModifiedTime: new Date(t),
      MonitoringExecutionStatus: 'Completed',
    });
    sagemaker
      .on(ListMonitoringExecutionsCommand, { MonitoringScheduleName: 'churn-dq', NextToken: undefined })
      .resolves({ MonitoringExecutionSummaries: [summary('2026-01-01T05:00:00Z'), summary('2026-01-01T04:00:00Z')] as never, NextToken: 'n2' })
      .on(ListMonitoringExecutionsCommand, { MonitoringScheduleName: 'churn-dq', NextToken: 'n2' })
      .resolves({ MonitoringExecutionSummaries: [summary('2026-01-01T03:00:00Z')] as never })
      .on(ListMonitoringExecutionsCommand, { MonitoringScheduleName: 'churn-mq' })
      .resolves({ MonitoringExecutionSummaries: [] });
    const res = await request(server)
      .get(`${BASE}/executions?schedule=churn-dq&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z`)
      .set('Authorization', as());
    expect(res.body.error?.message).toBeUndefined();
    expect(res.status).toBe(200);
    expect(res.body.items.map((e: { windowEnd: string }) => e.windowEnd)).toEqual([
      '2026-01-01T05:00:00.000Z',
      '2026-01-01T04:00:00.000Z',
      '2026-01-01T03:00:00.000Z',
    ]);
    const empty = await request(server)
      .get(`${BASE}/executions?schedule=churn-mq&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z`)
      .set('Authorization', as());
    expect(empty.body.items).toEqual([]);
  });

  it('answers 404 for the prediction distribution, which only built-in capture provides', async () => {
    const res = await request(server).get(`${BASE}/predictions`).set('Authorization', as());
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain('not available for SageMaker endpoints');
  });

  it('answers 503 when SageMaker stays throttled for a whole route', async () => {
    sagemaker.on(ListMonitoringSchedulesCommand).rejects(throttled());
    const res = await request(server).get(`${BASE}/executions`).set('Authorization', as());
    expect(res.status).toBe(503);
    expect(res.body.error.message).toContain('Rate exceeded');
  });

  it('reads constraint_violations.json of the execution from S3, only under the allowed prefixes', async () => {
    schedules();
    sagemaker.on(ListMonitoringExecutionsCommand).resolves({
      MonitoringExecutionSummaries: [
        {
          MonitoringScheduleName: 'churn-dq',
          ScheduledTime: new Date('2026-01-01T05:00:00Z'),
          CreationTime: new Date('2026-01-01T05:00:00Z'),
          LastModifiedTime: new Date('2026-01-01T05:20:00Z'),
          MonitoringExecutionStatus: 'CompletedWithViolations',
          ProcessingJobArn: 'arn:aws:sagemaker:eu-west-1:123456789012:processing-job/job-1',
        },
      ],
    });
    sagemaker.on(DescribeProcessingJobCommand, { ProcessingJobName: 'job-1' }).resolves({
      ProcessingOutputConfig: { Outputs: [{ OutputName: 'result', S3Output: { S3Uri: 's3://reports-bucket/monitoring/churn/churn-dq/2026/01/01/05', LocalPath: '/opt/ml/processing/output', S3UploadMode: 'EndOfJob' } }] },
    } as never);
    const url = `${BASE}/reports?schedule=churn-dq&windowEnd=2026-01-01T05:00:00Z&file=constraint_violations.json`;
    const res = await request(server).get(url).set('Authorization', as());
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual(JSON.parse(fs.readFileSync(VIOLATIONS, 'utf8')));

    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q1' });
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' }, StatementType: 'DML' } });
    athena.on(GetQueryResultsCommand).resolves({
      ResultSet: {
        ResultSetMetadata: { ColumnInfo: [{ Name: 'report_hour', Type: 'varchar' }, { Name: 'check_type', Type: 'varchar' }, { Name: 'n', Type: 'bigint' }] },
        Rows: [
          { Data: [{ VarCharValue: 'report_hour' }, { VarCharValue: 'check_type' }, { VarCharValue: 'n' }] },
          { Data: [{ VarCharValue: '2026/01/01/05' }, { VarCharValue: 'data_type_check' }, { VarCharValue: '1' }] },
          { Data: [{ VarCharValue: '2026/01/01/05' }, { VarCharValue: 'baseline_drift_check' }, { VarCharValue: '2' }] },
        ],
      },
    });
    const violations = await request(server)
      .get(`${BASE}/violations?schedule=churn-dq&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z`)
      .set('Authorization', as());
    expect(violations.status).toBe(200);
    expect(violations.body.points).toEqual([
      { time: '2026-01-01T05:00:00.000Z', total: 3, byCheckType: { data_type_check: 1, baseline_drift_check: 2 } },
    ]);
    expect(violations.body.latest).toHaveLength(3);
    expect(athena.commandCalls(StartQueryExecutionCommand)[0].args[0].input.ExecutionParameters).toEqual([
      "'churn'", "'churn-dq'", "'2026/01/01/00'", "'2026/01/02/00'",
    ]);

    sagemaker.on(DescribeProcessingJobCommand, { ProcessingJobName: 'job-1' }).resolves({
      ProcessingOutputConfig: { Outputs: [{ OutputName: 'r', S3Output: { S3Uri: 's3://someone-elses-bucket/x', LocalPath: '/o', S3UploadMode: 'EndOfJob' } }] },
    } as never);
    const refused = await request(server).get(url).set('Authorization', as());
    expect(refused.status).toBe(502);
    expect(refused.body.error.message).toContain('outside modelMonitoring.sagemaker.reportPrefixes');
  });

  it('serves drift series from CloudWatch and traffic in milliseconds', async () => {
    schedules();
    cloudWatch.on(ListMetricsCommand).resolves({
      Metrics: [{ MetricName: 'feature_baseline_drift_age' }, { MetricName: 'feature_non_null_age' }, { MetricName: 'feature_baseline_drift_income' }],
    });
    const valuesOf = (metric: string) => {
      if (metric === 'ModelLatency') return [12_000, 15_000];
      return metric.endsWith('income') ? [0.1, 0.4] : [0.05, 0.02];
    };
    cloudWatch.on(GetMetricDataCommand).callsFake(input => ({
      MetricDataResults: input.MetricDataQueries.map((q: { Id: string; MetricStat: { Metric: { MetricName: string }; Stat: string } }) => ({
        Id: q.Id,
        Timestamps: [new Date('2026-01-01T04:00:00Z'), new Date('2026-01-01T05:00:00Z')],
        Values: valuesOf(q.MetricStat.Metric.MetricName),
      })),
    }));
    sagemaker.on(ListMonitoringExecutionsCommand).resolves({ MonitoringExecutionSummaries: [] });
    sagemaker.on(DescribeEndpointCommand).resolves({ ProductionVariants: [{ VariantName: 'blue' }], DataCaptureConfig: { EnableCapture: true } } as never);
    const drift = await request(server)
      .get(`${BASE}/drift?schedule=churn-dq&from=2026-01-01T00:00:00Z&to=2026-01-01T06:00:00Z`)
      .set('Authorization', as());
    expect(drift.status).toBe(200);
    expect(drift.body.latestWindowEnd).toBe('2026-01-01T05:00:00.000Z');
    expect(drift.body.series.map((s: { feature: string }) => s.feature)).toEqual(['income', 'age']);
    expect(drift.body.now.find((n: { feature: string }) => n.feature === 'income').distance).toBe(0.4);
    // Without ?schedule= the endpoint's data-quality schedule is found by its type.
    const byType = await request(server).get(`${BASE}/drift?from=2026-01-01T00:00:00Z&to=2026-01-01T06:00:00Z`).set('Authorization', as());
    expect(byType.body.scheduleName).toBe('churn-dq');

    const traffic = await request(server)
      .get(`${BASE}/traffic?from=2026-01-01T04:00:00Z&to=2026-01-01T06:00:00Z&period=3600`)
      .set('Authorization', as());
    expect(traffic.status).toBe(200);
    expect(traffic.body.latencyAvgMs).toEqual([
      { time: '2026-01-01T04:00:00.000Z', value: 12 },
      { time: '2026-01-01T05:00:00.000Z', value: 15 },
    ]);
    const dims = cloudWatch.commandCalls(GetMetricDataCommand).at(-1)!.args[0].input.MetricDataQueries![0].MetricStat!.Metric!.Dimensions;
    expect(dims).toEqual([{ Name: 'EndpointName', Value: 'churn' }, { Name: 'VariantName', Value: 'blue' }]);
  });

  it('embeds the QuickSight dashboard for the mapped user with the portal among the allowed domains', async () => {
    quickSight.on(GenerateEmbedUrlForRegisteredUserCommand).resolves({ EmbedUrl: 'https://eu-west-1.quicksight.aws.amazon.com/embed/abc', Status: 200, RequestId: 'r' });
    const res = await request(server).get(`${BASE}/dashboard-embed`).set('Authorization', as());
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatchObject({ embedUrl: 'https://eu-west-1.quicksight.aws.amazon.com/embed/abc', dashboardId: 'dash-1' });
    const input = quickSight.commandCalls(GenerateEmbedUrlForRegisteredUserCommand)[0].args[0].input;
    expect(input.UserArn).toBe('arn:aws:quicksight:eu-west-1:123456789012:user/default/alice');
    expect(input.AllowedDomains).toEqual(['https://backstage.example.com', 'https://grafana.example.com']);
    const unmapped = await request(server).get(`${BASE}/dashboard-embed`).set('Authorization', mockCredentials.user.header('user:default/mallory'));
    expect(unmapped.status).toBe(403);
  });
});
