import { CloudWatchClient, GetMetricDataCommand, ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import {
  DescribeModelBiasJobDefinitionCommand,
  DescribeModelExplainabilityJobDefinitionCommand,
  DescribeMonitoringScheduleCommand,
  DescribeProcessingJobCommand,
  ListMonitoringExecutionsCommand,
  ListMonitoringSchedulesCommand,
  SageMakerClient,
  type ListMonitoringExecutionsCommandInput,
  type MonitoringExecutionSummary,
} from '@aws-sdk/client-sagemaker';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { startTestS3Server, type TestS3Server } from '@mlmon/monitor-engine/testUtils';
import type { AttributionDriftResponse, BiasDriftResponse, DriftContributorsResponse } from '@mlmon/plugin-model-monitoring-common';
import { mockClient } from 'aws-sdk-client-mock';
import fs from 'node:fs';
import request from 'supertest';
import { modelMonitoringPlugin } from './plugin';
import { sagemakerSample } from './testing/sharedFolder';

jest.setTimeout(120_000);

const EXAMPLES = 'aws__amazon-sagemaker-examples';
const BIAS_BASELINE = sagemakerSample(`${EXAMPLES}/deploy_and_monitor/sm-clarify_model_bias_monitor_for_endpoint_json/sm-clarify_model_bias_monitor_for_endpoint_json.ipynb.extracted/baselining-output/analysis.json`);
const BIAS_VIOLATIONS = sagemakerSample(`${EXAMPLES}/deploy_and_monitor/sm-clarify_model_bias_monitor_for_endpoint_json/sm-clarify_model_bias_monitor_for_endpoint_json.ipynb.extracted/monitor-output/constraint_violations.reconstructed.json`);
const SHAP_BASELINE = sagemakerSample(`${EXAMPLES}/sagemaker_model_monitor/fairness_and_explainability_jsonlines/SageMaker-Monitoring-Feature-Attribution-Drift-for-Endpoint.ipynb.extracted/baselining-output/analysis.json`);
const DQ_VIOLATIONS = sagemakerSample('data-science-on-aws__data-science-on-aws/07_train/wip/debugger-monitor/02_deploy_and_monitor/deploy_and_monitor.ipynb.extracted/monitoring-execution/constraint_violations.json');
// The facet and label of the bias notebook's monitor (its analysis_config.json, as the SDK writes it).
const BIAS_CONFIG = { label: 'Target', label_values_or_threshold: [1], facet: [{ name_or_index: 'Sex', value_or_threshold: [0] }], probability_threshold: 0.8 };

const ARN = 'arn:aws:sagemaker:eu-west-1:123456789012:endpoint/adult';
const BASE = '/api/model-monitoring/entities/default/component';
const RANGE = 'from=2026-01-01T00:00:00Z&to=2026-01-01T06:00:00Z';
const REPORTS = 's3://reports-bucket/monitoring';
const entity = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations: { 'mlmon.dev/endpoint': ARN } },
  spec: { type: 'ml-model', owner: 'team-a', lifecycle: 'production' },
});
const aws = (name: string, message: string) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 } });
const hour = (h: number) => new Date(Date.UTC(2026, 0, 1, h));
const reportFolder = (schedule: string, h: number) => `monitoring/adult/${schedule}/2026/01/01/${String(h).padStart(2, '0')}`;

const SCHEDULES = { 'adult-dq': 'DataQuality', 'adult-bias': 'ModelBias', 'adult-explain': 'ModelExplainability' } as const;

describe('Clarify monitors of a SageMaker endpoint through the backend', () => {
  const sagemaker = mockClient(SageMakerClient);
  const cloudWatch = mockClient(CloudWatchClient);
  let s3: TestS3Server;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let executions: Record<string, MonitoringExecutionSummary[]>;
  const as = () => mockCredentials.user.header('user:default/alice');
  const put = (key: string, body: Buffer | string) => s3.client().send(new PutObjectCommand({ Bucket: 'reports-bucket', Key: key, Body: body }));

  beforeAll(async () => {
    s3 = await startTestS3Server(['reports-bucket']);
    await put('monitoring/baselines/adult-bias/analysis.json', fs.readFileSync(BIAS_BASELINE));
    await put('monitoring/config/adult-bias/analysis_config.json', JSON.stringify(BIAS_CONFIG));
    await put('monitoring/baselines/adult-explain/analysis.json', fs.readFileSync(SHAP_BASELINE));
    await put(`${reportFolder('adult-bias', 5)}/constraint_violations.json`, fs.readFileSync(BIAS_VIOLATIONS));
    // The newest explainability window attributes as the baseline did (the only real file).
    await put(`${reportFolder('adult-explain', 5)}/analysis.json`, fs.readFileSync(SHAP_BASELINE));
    await put(`${reportFolder('adult-dq', 5)}/constraint_violations.json`, fs.readFileSync(DQ_VIOLATIONS));
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
        createServiceFactory({ service: catalogServiceRef, deps: {}, factory: () => catalogServiceMock({ entities: [entity('adult'), entity('adult-b')] }) }),
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
    const summary = (schedule: string, h: number, status: string): MonitoringExecutionSummary => ({
      MonitoringScheduleName: schedule,
      ScheduledTime: hour(h),
      CreationTime: hour(h),
      LastModifiedTime: hour(h),
      MonitoringExecutionStatus: status as never,
      ProcessingJobArn: `arn:aws:sagemaker:eu-west-1:123456789012:processing-job/${schedule}-${h}`,
    });
    executions = Object.fromEntries(
      Object.keys(SCHEDULES).map(s => [s, [1, 2, 3, 4, 5].map(h => summary(s, h, h === 5 ? 'CompletedWithViolations' : 'Completed')).reverse()]),
    );
    sagemaker
      .on(ListMonitoringSchedulesCommand, { NextToken: undefined })
      .resolves({ MonitoringScheduleSummaries: [{ MonitoringScheduleName: 'adult-dq' }, { MonitoringScheduleName: 'adult-bias' }] as never, NextToken: 'p2' })
      .on(ListMonitoringSchedulesCommand, { NextToken: 'p2' })
      .resolves({ MonitoringScheduleSummaries: [{ MonitoringScheduleName: 'adult-explain' }] as never });
    for (const [name, type] of Object.entries(SCHEDULES)) {
      sagemaker.on(DescribeMonitoringScheduleCommand, { MonitoringScheduleName: name }).resolves({
        MonitoringScheduleName: name,
        MonitoringType: type,
        MonitoringScheduleStatus: 'Scheduled',
        MonitoringScheduleConfig: { MonitoringJobDefinitionName: `${name}-job`, MonitoringType: type },
      } as never);
    }
    sagemaker.on(DescribeModelBiasJobDefinitionCommand, { JobDefinitionName: 'adult-bias-job' }).resolves({
      ModelBiasBaselineConfig: { ConstraintsResource: { S3Uri: `${REPORTS}/baselines/adult-bias/analysis.json` } },
      ModelBiasAppSpecification: { ImageUri: 'clarify', ConfigUri: `${REPORTS}/config/adult-bias/analysis_config.json` },
    } as never);
    sagemaker.on(DescribeModelExplainabilityJobDefinitionCommand, { JobDefinitionName: 'adult-explain-job' }).resolves({
      ModelExplainabilityBaselineConfig: { ConstraintsResource: { S3Uri: `${REPORTS}/baselines/adult-explain/analysis.json` } },
      ModelExplainabilityAppSpecification: { ImageUri: 'clarify', ConfigUri: `${REPORTS}/config/adult-explain/analysis_config.json` },
    } as never);
    // ListMonitoringExecutions as SageMaker answers it: the time filters, newest first, two per page.
    sagemaker.on(ListMonitoringExecutionsCommand).callsFake((input: ListMonitoringExecutionsCommandInput) => {
      const matching = (executions[input.MonitoringScheduleName!] ?? []).filter(
        e => (!input.ScheduledTimeAfter || e.ScheduledTime! > input.ScheduledTimeAfter) && (!input.ScheduledTimeBefore || e.ScheduledTime! < input.ScheduledTimeBefore),
      );
      const start = Number(input.NextToken ?? 0);
      const size = Math.min(2, input.MaxResults ?? 2);
      return { MonitoringExecutionSummaries: matching.slice(start, start + size), NextToken: start + size < matching.length ? String(start + size) : undefined };
    });
    sagemaker.on(DescribeProcessingJobCommand).callsFake(({ ProcessingJobName }: { ProcessingJobName: string }) => {
      const [, schedule, h] = /^(.*)-(\d+)$/.exec(ProcessingJobName)!;
      return { ProcessingOutputConfig: { Outputs: [{ OutputName: 'r', S3Output: { S3Uri: `s3://reports-bucket/${reportFolder(schedule, Number(h))}`, LocalPath: '/o', S3UploadMode: 'EndOfJob' } }] } };
    });
  });

  /** CloudWatch's metric list of the bias schedule (with a pre-training metric, which monitors do not evaluate). */
  function biasMetrics(valueOf: (metric: string, h: number) => number) {
    const dims = (stage: string) => [
      { Name: 'Endpoint', Value: 'adult' }, { Name: 'MonitoringSchedule', Value: 'adult-bias' }, { Name: 'BiasStage', Value: stage },
      { Name: 'Label', Value: 'Target' }, { Name: 'LabelValue', Value: '1' }, { Name: 'Facet', Value: 'Sex' }, { Name: 'FacetValue', Value: '0' },
    ];
    cloudWatch.on(ListMetricsCommand, { Namespace: 'aws/sagemaker/Endpoints/bias-metrics' }).resolves({
      Metrics: [
        { MetricName: 'bias_metric_DI', Dimensions: dims('Post-Training') },
        { MetricName: 'bias_metric_CI', Dimensions: dims('Pre-training') },
        { MetricName: 'bias_metric_CDDPL', Dimensions: dims('Post-Training') },
      ],
    });
    cloudWatch.on(GetMetricDataCommand).callsFake(input => ({
      MetricDataResults: input.MetricDataQueries.map((q: { Id: string; MetricStat: { Metric: { MetricName: string } } }) => ({
        Id: q.Id,
        Timestamps: [1, 2, 3, 4, 5].map(hour),
        Values: [1, 2, 3, 4, 5].map(h => valueOf(q.MetricStat.Metric.MetricName, h)),
      })),
    }));
  }

  it('serves bias drift from CloudWatch, the baseline from the job definition and the newest violations from S3', async () => {
    biasMetrics((metric, h) => (metric === 'bias_metric_DI' ? [0.2, 0.3, 0.5, 2.348543e108, 1.9][h - 1] : 0.25 + h / 100));
    const res = await request(server).get(`${BASE}/adult/bias?${RANGE}`).set('Authorization', as());
    expect(res.status).toBe(200);
    const body = res.body as BiasDriftResponse;
    expect(body.errors).toBeUndefined();
    expect(body).toMatchObject({ scheduleName: 'adult-bias', facet: { column: 'Sex', value: '0', label: 'Target', positiveLabel: '1' }, latestWindowEnd: '2026-01-01T05:00:00.000Z' });
    // Every post-training metric of the baseline is listed; CloudWatch has values for two of them.
    expect(body.metrics.map(m => m.metric)).toEqual(['AD', 'CDDPL', 'DAR', 'DCA', 'DCR', 'DI', 'DPPL', 'DRR', 'FT', 'GE', 'RD', 'SD', 'TE']);
    const di = body.metrics.find(m => m.metric === 'DI')!;
    expect(di).toMatchObject({ description: 'Disparate Impact (DI)', ideal: 1, baseline: 0.17798594847775176, latest: 1.9, violated: false });
    expect(di.band).toEqual({ lower: 0.177985948478, upper: 1.82201405152 });
    // The infinite value CloudWatch holds as 2.348543e108 is no number to draw.
    expect(di.points.map(p => p.value)).toEqual([0.2, 0.3, 0.5, null, 1.9]);
    const cddpl = body.metrics.find(m => m.metric === 'CDDPL')!;
    expect(cddpl).toMatchObject({ baseline: 0.28176563733194276, latest: 0.3, violated: true });
    expect(body.metrics.find(m => m.metric === 'AD')!.points.every(p => p.value === null)).toBe(true);
    expect(body.latestViolations).toHaveLength(9);
    expect(body.latestViolations[0]).toEqual({ metric: 'CDDPL', facet: 'Sex=0', description: "Metric value 0.3748947825295131 doesn't meet the baseline constraint requirement 0.28176563733194276" });
    // Pre-training metrics are not queried; the executions were read page by page.
    const queried = cloudWatch.commandCalls(GetMetricDataCommand).flatMap(c => c.args[0].input.MetricDataQueries!.map(q => q.MetricStat!.Metric!.MetricName));
    expect(queried.sort()).toEqual(['bias_metric_CDDPL', 'bias_metric_DI']);
    expect(sagemaker.commandCalls(ListMonitoringExecutionsCommand).filter(c => c.args[0].input.MonitoringScheduleName === 'adult-bias').length).toBeGreaterThanOrEqual(3);
  });

  it('answers the series with a 403 error when the job definition is denied', async () => {
    biasMetrics(() => 0.5);
    sagemaker.on(DescribeModelBiasJobDefinitionCommand).rejects(aws('AccessDeniedException', 'not authorized to perform sagemaker:DescribeModelBiasJobDefinition'));
    const res = await request(server).get(`${BASE}/adult-b/bias?schedule=adult-bias&${RANGE}`).set('Authorization', as());
    expect(res.status).toBe(200);
    const body = res.body as BiasDriftResponse;
    expect(body.facet).toMatchObject({ column: 'Sex', value: '0' });
    expect(body.metrics.map(m => [m.metric, m.band, m.latest])).toEqual([['CDDPL', null, 0.5], ['DI', null, 0.5]]);
    expect(body.errors!.length).toBeGreaterThan(0);
    expect(body.errors!.every(e => e.code === 403 && e.message.includes('DescribeModelBiasJobDefinition'))).toBe(true);
  });

  it('answers a schedule without executions with empty series', async () => {
    biasMetrics(() => 0.5);
    executions['adult-bias'] = [];
    const res = await request(server).get(`${BASE}/adult/bias?${RANGE}`).set('Authorization', as());
    expect(res.status).toBe(200);
    const body = res.body as BiasDriftResponse;
    expect(body.latestWindowEnd).toBeUndefined();
    expect(body.latestViolations).toEqual([]);
    expect(body.metrics.find(m => m.metric === 'DI')).toMatchObject({ points: [], latest: null, violated: false });
    expect(body.errors).toBeUndefined();
  });

  it('serves attribution drift: the ranking from the newest analysis.json, NDCG per window from CloudWatch', async () => {
    const baseline = JSON.parse(fs.readFileSync(SHAP_BASELINE, 'utf8')).explanations.kernel_shap.label0.global_shap_values as Record<string, number>;
    const features = Object.keys(baseline);
    cloudWatch.on(ListMetricsCommand, { Namespace: 'aws/sagemaker/Endpoints/explainability-metrics' }).resolves({
      Metrics: [
        ...features.map(f => ({ MetricName: `feature_${f}`, Dimensions: [{ Name: 'Endpoint', Value: 'adult' }, { Name: 'MonitoringSchedule', Value: 'adult-explain' }, { Name: 'ExplainabilityMethod', Value: 'KernelShap' }, { Name: 'Label', Value: 'label0' }, { Name: 'ValueType', Value: 'GlobalShapValues' }] })),
        { MetricName: 'expected_value', Dimensions: [{ Name: 'Label', Value: 'label0' }, { Name: 'ValueType', Value: 'ExpectedValue' }] },
      ],
    });
    // Hour 4: the ranking reversed (fnlwgt, the least important feature, first); hour 5 as the baseline.
    const reversed = Object.fromEntries(features.map(f => [f, 0.1 - baseline[f]]));
    cloudWatch.on(GetMetricDataCommand).callsFake(input => ({
      MetricDataResults: input.MetricDataQueries.map((q: { Id: string; MetricStat: { Metric: { MetricName: string } } }) => {
        const f = q.MetricStat.Metric.MetricName.slice('feature_'.length);
        return { Id: q.Id, Timestamps: [hour(4), hour(5)], Values: [reversed[f], baseline[f]] };
      }),
    }));
    const res = await request(server).get(`${BASE}/adult/attribution?${RANGE}`).set('Authorization', as());
    expect(res.status).toBe(200);
    const body = res.body as AttributionDriftResponse;
    expect(body.errors).toBeUndefined();
    expect(body).toMatchObject({ scheduleName: 'adult-explain', label: 'label0', threshold: 0.9, latestWindowEnd: '2026-01-01T05:00:00.000Z', ndcgNow: 1, violated: false });
    expect(body.features[0]).toEqual({ feature: 'Capital Gain', baseline: baseline['Capital Gain'], current: baseline['Capital Gain'], baselineRank: 1, currentRank: 1 });
    expect(body.features).toHaveLength(features.length);
    expect(body.ndcg.map(p => p.time)).toEqual([1, 2, 3, 4, 5].map(h => hour(h).toISOString()));
    expect(body.ndcg.slice(0, 3).map(p => p.value)).toEqual([null, null, null]);
    expect(body.ndcg[3].value).toBeLessThan(0.9);
    expect(body.ndcg[4].value).toBe(1);
  });

  it('ranks drift contributors from the newest data-quality violations and CloudWatch drift', async () => {
    cloudWatch.on(ListMetricsCommand).resolves({ Metrics: [] });
    cloudWatch.on(GetMetricDataCommand).callsFake(input => ({
      MetricDataResults: input.MetricDataQueries.map((q: { Id: string; MetricStat: { Metric: { MetricName: string } } }) => ({
        Id: q.Id,
        Timestamps: [hour(5)],
        Values: [q.MetricStat.Metric.MetricName === 'feature_baseline_drift_Fwd Pkt Len Mean' ? 0.42 : 0.05],
      })),
    }));
    const res = await request(server).get(`${BASE}/adult/drift-contributors`).set('Authorization', as());
    expect(res.status).toBe(200);
    const body = res.body as DriftContributorsResponse;
    expect(body.errors).toBeUndefined();
    expect(body).toMatchObject({ basis: 'data-quality', weighted: true, windowEnd: '2026-01-01T05:00:00.000Z' });
    expect(body.items[0]).toMatchObject({ feature: 'Fwd Pkt Len Mean', drift: 0.42, rank: 1 });
  });

  it('refuses a baseline outside the configured report prefixes', async () => {
    biasMetrics(() => 0.5);
    sagemaker.on(DescribeModelBiasJobDefinitionCommand).resolves({
      ModelBiasBaselineConfig: { ConstraintsResource: { S3Uri: 's3://someone-elses-bucket/analysis.json' } },
      ModelBiasAppSpecification: { ImageUri: 'clarify', ConfigUri: `${REPORTS}/config/adult-bias/analysis_config.json` },
    } as never);
    const res = await request(server).get(`${BASE}/adult/bias?${RANGE}`).set('Authorization', as());
    expect(res.status).toBe(200);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ source: 'reports', code: 502, message: expect.stringContaining('outside modelMonitoring.sagemaker.reportPrefixes') }),
    ]);
  });
});
