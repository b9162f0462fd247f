import { CloudWatchClient, GetMetricDataCommand, ListMetricsCommand, type GetMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import {
  DescribeDataQualityJobDefinitionCommand,
  DescribeModelQualityJobDefinitionCommand,
  DescribeMonitoringScheduleCommand,
  DescribeProcessingJobCommand,
  ListMonitoringExecutionsCommand,
  ListMonitoringSchedulesCommand,
  SageMakerClient,
  type ListMonitoringExecutionsCommandInput,
  type MonitoringExecutionSummary,
} from '@aws-sdk/client-sagemaker';
import { createServiceFactory, type BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceRef, type CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { startTestS3Server, type TestS3Server } from '@mlmon/monitor-engine/testUtils';
import type { FeatureStatisticsResponse, ModelQualityResponse, SourceError } from '@mlmon/plugin-model-monitoring-common';
import { mockClient } from 'aws-sdk-client-mock';
import fs from 'node:fs';
import request from 'supertest';
import { modelMonitoringPlugin } from './plugin';
import { sagemakerSample } from './testing/sharedFolder';

jest.setTimeout(120_000);

const SDK = 'aws__sagemaker-python-sdk/tests/data';
const MQ_STATISTICS = sagemakerSample(`${SDK}/pipeline/quality_check_step/model_quality/statistics.json`);
const MQ_CONSTRAINTS = sagemakerSample(`${SDK}/pipeline/quality_check_step/model_quality/good_cases/constraints.json`);
// Shape reference of a binary model-quality statistics.json (derived from the AWS docs example).
const BINARY_STATISTICS = sagemakerSample(`${SDK}/model_card/evaluation_metrics/model_monitor_model_quality_binary_classification.json`);
const DQ_STATISTICS = sagemakerSample(`${SDK}/pipeline/quality_check_step/data_quality/statistics.json`);

const ARN = 'arn:aws:sagemaker:eu-west-1:123456789012:endpoint/shop';
const BASE = '/api/model-monitoring/entities/default/component/shop';
const RANGE = 'from=2026-01-01T00:00:00Z&to=2026-01-01T06:00:00Z';
const REPORTS = 's3://reports-bucket/monitoring';
const OUTSIDER = 'user:default/outsider';
const SCHEDULES = { 'shop-dq': 'DataQuality', 'shop-reg': 'ModelQuality', 'shop-bin': 'ModelQuality' } as const;

const shop: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'shop', namespace: 'default', annotations: { 'mlmon.dev/endpoint': ARN } },
  spec: { type: 'ml-model', owner: 'team-a', lifecycle: 'production' },
};
const aws = (name: string, message: string) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 } });
const hour = (h: number) => new Date(Date.UTC(2026, 0, 1, h));
const reportFolder = (schedule: string, h: number) => `monitoring/shop/${schedule}/2026/01/01/${String(h).padStart(2, '0')}`;
const userOf = (c: BackstageCredentials) => (c.principal as { userEntityRef?: string }).userEntityRef;
const json = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));

/** The catalog as the outsider sees it: without the entity. */
function guardedCatalog(entities: Entity[]): CatalogService {
  const inner = catalogServiceMock({ entities });
  const guarded = Object.create(inner) as CatalogService;
  guarded.getEntityByRef = async (ref, opts) => (userOf(opts.credentials) === OUTSIDER ? undefined : inner.getEntityByRef(ref, opts));
  return guarded;
}

describe('Model quality and feature statistics of a SageMaker endpoint through the backend', () => {
  const sagemaker = mockClient(SageMakerClient);
  const cloudWatch = mockClient(CloudWatchClient);
  let s3: TestS3Server;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  const as = (user = 'user:default/alice') => mockCredentials.user.header(user);
  const put = (key: string, body: Buffer | string) => s3.client().send(new PutObjectCommand({ Bucket: 'reports-bucket', Key: key, Body: body }));
  const get = (path: string, user?: string) => request(server).get(`${BASE}/${path}`).set('Authorization', as(user));

  beforeAll(async () => {
    s3 = await startTestS3Server(['reports-bucket']);
    // The regression baselining job's two outputs, side by side as SageMaker writes them.
    await put('monitoring/baselines/shop-reg/constraints.json', fs.readFileSync(MQ_CONSTRAINTS));
    await put('monitoring/baselines/shop-reg/statistics.json', fs.readFileSync(MQ_STATISTICS));
    await put('monitoring/baselines/shop-dq/statistics.json', fs.readFileSync(DQ_STATISTICS));
    for (const h of [4, 5]) {
      await put(`${reportFolder('shop-reg', h)}/statistics.json`, fs.readFileSync(MQ_STATISTICS));
      await put(`${reportFolder('shop-bin', h)}/statistics.json`, fs.readFileSync(BINARY_STATISTICS));
      await put(`${reportFolder('shop-dq', h)}/statistics.json`, fs.readFileSync(DQ_STATISTICS));
    }
    ({ server } = await startTestBackend({
      features: [
        modelMonitoringPlugin,
        mockServices.database.factory(),
        mockServices.rootConfig.factory({
          data: {
            aws: {
              mainAccount: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
              accounts: [{ accountId: '123456789012', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }],
            },
            modelMonitoring: { sagemaker: { region: 'eu-west-1', maxAttempts: 1, reportPrefixes: [REPORTS], endpoints: { s3: s3.endpoint } } },
          },
        }),
        createServiceFactory({ service: catalogServiceRef, deps: {}, factory: () => guardedCatalog([shop]) }),
      ],
    }));
  });
  afterAll(async () => {
    await s3?.stop();
    sagemaker.restore();
    cloudWatch.restore();
  });

  beforeEach(() => {
    sagemaker.reset();
    cloudWatch.reset();
    const summary = (schedule: string, h: number): MonitoringExecutionSummary => ({
      MonitoringScheduleName: schedule,
      ScheduledTime: hour(h),
      CreationTime: hour(h),
      LastModifiedTime: hour(h),
      MonitoringExecutionStatus: 'Completed',
      ProcessingJobArn: `arn:aws:sagemaker:eu-west-1:123456789012:processing-job/${schedule}-${h}`,
    });
    sagemaker.on(ListMonitoringSchedulesCommand).resolves({ MonitoringScheduleSummaries: Object.keys(SCHEDULES).map(n => ({ MonitoringScheduleName: n })) as never });
    for (const [name, type] of Object.entries(SCHEDULES)) {
      sagemaker.on(DescribeMonitoringScheduleCommand, { MonitoringScheduleName: name }).resolves({
        MonitoringScheduleName: name,
        MonitoringType: type,
        MonitoringScheduleStatus: 'Scheduled',
        MonitoringScheduleConfig: { MonitoringJobDefinitionName: `${name}-job`, MonitoringType: type },
      } as never);
    }
    sagemaker.on(DescribeModelQualityJobDefinitionCommand, { JobDefinitionName: 'shop-reg-job' }).resolves({
      ModelQualityAppSpecification: { ImageUri: 'analyzer', ProblemType: 'Regression' },
      ModelQualityBaselineConfig: { ConstraintsResource: { S3Uri: `${REPORTS}/baselines/shop-reg/constraints.json` } },
    } as never);
    sagemaker.on(DescribeModelQualityJobDefinitionCommand, { JobDefinitionName: 'shop-bin-job' }).resolves({
      ModelQualityAppSpecification: { ImageUri: 'analyzer', ProblemType: 'BinaryClassification' },
    } as never);
    sagemaker.on(DescribeDataQualityJobDefinitionCommand, { JobDefinitionName: 'shop-dq-job' }).resolves({
      DataQualityBaselineConfig: { StatisticsResource: { S3Uri: `${REPORTS}/baselines/shop-dq/statistics.json` } },
    } as never);
    // ListMonitoringExecutions as SageMaker answers it: the time filters, newest first.
    sagemaker.on(ListMonitoringExecutionsCommand).callsFake((input: ListMonitoringExecutionsCommandInput) => ({
      MonitoringExecutionSummaries: [4, 5]
        .map(h => summary(input.MonitoringScheduleName!, h))
        .filter(e => (!input.ScheduledTimeAfter || e.ScheduledTime! > input.ScheduledTimeAfter) && (!input.ScheduledTimeBefore || e.ScheduledTime! < input.ScheduledTimeBefore))
        .reverse()
        .slice(0, input.MaxResults ?? 100),
    }));
    sagemaker.on(DescribeProcessingJobCommand).callsFake(({ ProcessingJobName }: { ProcessingJobName: string }) => {
      const [, schedule, h] = /^(.*)-(\d+)$/.exec(ProcessingJobName)!;
      return { ProcessingOutputConfig: { Outputs: [{ OutputName: 'r', S3Output: { S3Uri: `s3://reports-bucket/${reportFolder(schedule, Number(h))}`, LocalPath: '/o', S3UploadMode: 'EndOfJob' } }] } };
    });
    cloudWatch.on(ListMetricsCommand, { Namespace: 'aws/sagemaker/Endpoints/model-metrics' }).resolves({
      Metrics: ['mae', 'mse', 'rmse', 'r2'].map(MetricName => ({ MetricName })),
    });
    // One datum per execution: the value grows by 0.1 from 04:00 to 05:00; drift of _c0 is 0.03 at 05:00.
    cloudWatch.on(GetMetricDataCommand).callsFake((input: GetMetricDataCommandInput) => ({
      MetricDataResults: input.MetricDataQueries!.map(q => {
        const name = q.MetricStat!.Metric!.MetricName!;
        if (name.startsWith('feature_baseline_drift_')) {
          return { Id: q.Id, Timestamps: name.endsWith('_c0') ? [hour(4), hour(5)] : [], Values: name.endsWith('_c0') ? [0.01, 0.03] : [] };
        }
        return { Id: q.Id, Timestamps: [hour(5), hour(4)], Values: [name.length + 0.1, name.length] };
      }),
    }));
  });

  it('serves the metrics over time from CloudWatch with the baseline thresholds, values and problem type', async () => {
    const res = await get(`quality?schedule=shop-reg&${RANGE}`);
    expect(res.status).toBe(200);
    const body = res.body as ModelQualityResponse;
    expect(body).toMatchObject({ scheduleName: 'shop-reg', problemType: 'Regression' });
    expect(body.errors).toBeUndefined();
    const constraints = json(MQ_CONSTRAINTS).regression_constraints;
    const stats = json(MQ_STATISTICS).regression_metrics;
    expect(body.metrics.map(m => m.metric)).toEqual(['mae', 'mse', 'r2', 'rmse']);
    const mae = body.metrics.find(m => m.metric === 'mae')!;
    expect(mae).toEqual({
      metric: 'mae',
      points: [
        { time: '2026-01-01T04:00:00.000Z', value: 3 },
        { time: '2026-01-01T05:00:00.000Z', value: 3.1 },
      ],
      baseline: stats.mae.value,
      threshold: constraints.mae.threshold,
      comparison: 'GreaterThanThreshold',
    });
    expect(body.metrics.find(m => m.metric === 'r2')).toMatchObject({ threshold: constraints.r2.threshold, comparison: 'LessThanThreshold' });
    expect(body.confusionMatrix).toBeUndefined();
    const query = cloudWatch.commandCalls(GetMetricDataCommand)[0].args[0].input.MetricDataQueries![0].MetricStat!;
    expect(query.Metric).toEqual({
      Namespace: 'aws/sagemaker/Endpoints/model-metrics',
      MetricName: 'mae',
      Dimensions: [{ Name: 'Endpoint', Value: 'shop' }, { Name: 'MonitoringSchedule', Value: 'shop-reg' }],
    });
  });

  it('reads the confusion matrix of the newest execution of a classification schedule', async () => {
    // No schedule asked: the endpoint's first ModelQuality schedule (shop-dq is DataQuality).
    const res = await get(`quality?${RANGE}`);
    expect(res.status).toBe(200);
    expect(res.body.scheduleName).toBe('shop-bin');
    expect(res.body.problemType).toBe('BinaryClassification');
    expect(res.body.confusionMatrix).toEqual(json(BINARY_STATISTICS).binary_classification_metrics.confusion_matrix);
    // No baseline configured: the series have no thresholds.
    expect(res.body.metrics.every((m: { threshold?: number }) => m.threshold === undefined)).toBe(true);
  });

  it('answers with a 403 SourceError when the job definition is denied, and the rest still answered', async () => {
    sagemaker.on(DescribeModelQualityJobDefinitionCommand).rejects(aws('AccessDeniedException', 'not authorized to perform sagemaker:DescribeModelQualityJobDefinition'));
    sagemaker.on(DescribeDataQualityJobDefinitionCommand).rejects(aws('AccessDeniedException', 'not authorized to perform sagemaker:DescribeDataQualityJobDefinition'));
    const quality = await get(`quality?schedule=shop-reg&${RANGE}`);
    expect(quality.status).toBe(200);
    expect(quality.body.errors).toEqual([expect.objectContaining({ source: 'sagemaker', code: 403 })]);
    expect(quality.body.errors[0].message).toContain('shop-reg');
    // The problem type from the newest statistics.json, the series without thresholds.
    expect(quality.body.problemType).toBe('Regression');
    expect(quality.body.metrics).toHaveLength(4);
    expect(quality.body.metrics[0].threshold).toBeUndefined();

    const feature = await get('features/_c0?schedule=shop-dq');
    expect(feature.status).toBe(200);
    expect(feature.body.errors).toEqual([expect.objectContaining({ source: 'sagemaker', code: 403 })]);
    expect(feature.body.baseline).toEqual({ itemCount: 0, missing: 0 });
    expect(feature.body.window.itemCount).toBe(100);
  });

  it('overlays one feature of the baseline and a window with the drift from CloudWatch', async () => {
    const res = await get('features/_c0');
    expect(res.status).toBe(200);
    const body = res.body as FeatureStatisticsResponse;
    const c0 = json(DQ_STATISTICS).features.find((f: { name: string }) => f.name === '_c0');
    expect(body).toMatchObject({ scheduleName: 'shop-dq', feature: '_c0', inferredType: 'Fractional', windowEnd: '2026-01-01T05:00:00.000Z', distance: 0.03, threshold: null });
    expect(body.errors).toBeUndefined();
    expect(body.baseline.numeric).toMatchObject({ mean: c0.numerical_statistics.mean, min: c0.numerical_statistics.min, max: c0.numerical_statistics.max });
    // Both sides on the baseline's ten bucket bounds; the window is the same data, so the same shares.
    expect(body.baseline.numeric!.buckets).toHaveLength(10);
    expect(body.baseline.numeric!.buckets.map(b => b.lowerBound)).toEqual(c0.numerical_statistics.distribution.kll.buckets.map((b: { lower_bound: number }) => b.lower_bound));
    expect(body.window!.numeric!.buckets).toEqual(body.baseline.numeric!.buckets);
    expect(body.baseline.numeric!.buckets.reduce((s, b) => s + b.share, 0)).toBeCloseTo(1, 9);

    const older = await get('features/_c0?windowEnd=2026-01-01T04:00:00Z');
    expect(older.body).toMatchObject({ windowEnd: '2026-01-01T04:00:00.000Z', distance: 0.01 });
  });

  it('refuses statistics files outside the report prefixes, as an error of that part', async () => {
    sagemaker.on(DescribeProcessingJobCommand).resolves({
      ProcessingOutputConfig: { Outputs: [{ OutputName: 'r', S3Output: { S3Uri: 's3://someone-elses-bucket/x', LocalPath: '/o', S3UploadMode: 'EndOfJob' } }] },
    } as never);
    sagemaker.on(DescribeModelQualityJobDefinitionCommand, { JobDefinitionName: 'shop-reg-job' }).resolves({
      ModelQualityAppSpecification: { ImageUri: 'analyzer', ProblemType: 'Regression' },
      ModelQualityBaselineConfig: { ConstraintsResource: { S3Uri: 's3://someone-elses-bucket/baselines/constraints.json' } },
    } as never);
    const feature = await get('features/_c0?schedule=shop-dq');
    expect(feature.status).toBe(200);
    expect(feature.body.window).toBeUndefined();
    expect(feature.body.baseline.itemCount).toBe(100);
    expect(feature.body.errors).toEqual([expect.objectContaining({ source: 'reports', code: 502 })]);
    expect(feature.body.errors[0].message).toContain('outside modelMonitoring.sagemaker.reportPrefixes');

    const quality = await get(`quality?schedule=shop-reg&${RANGE}`);
    expect(quality.status).toBe(200);
    const errors = quality.body.errors as SourceError[];
    expect(errors.filter(e => e.code === 502 && e.message.includes('outside modelMonitoring.sagemaker.reportPrefixes'))).toHaveLength(3);
    expect(errors.some(e => e.message.includes('s3://someone-elses-bucket/baselines/constraints.json'))).toBe(true);
    expect(quality.body.metrics).toHaveLength(4);
  });

  it('answers 404 naming an unknown feature, 400 for a bad windowEnd, and 404 to a caller who may not read the entity', async () => {
    const unknown = await get('features/no_such_column');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe('Feature no_such_column is not in the baseline or the newest report of shop-dq');
    expect(cloudWatch.commandCalls(GetMetricDataCommand)).toHaveLength(0);
    expect((await get('features/_c0?windowEnd=yesterday')).status).toBe(400);
    for (const path of [`quality?${RANGE}`, 'features/_c0']) {
      const res = await get(path, OUTSIDER);
      expect(res.status).toBe(404);
    }
    expect(sagemaker.commandCalls(DescribeModelQualityJobDefinitionCommand)).toHaveLength(0);
  });
});
