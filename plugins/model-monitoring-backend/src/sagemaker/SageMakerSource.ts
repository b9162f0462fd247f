import { S3ObjectStore } from '@mlmon/monitor-engine';
import type {
  CloudWatchAlarmState,
  DriftResponse,
  FeatureStatisticsResponse,
  ModelQualityResponse,
  ModelMonitoringSummary,
  ModelRiskRating,
  MonitoringExecution,
  MonitorSummary,
  MonitorType,
  SourceError,
  TrafficResponse,
  ViolationsResponse,
} from '@mlmon/plugin-model-monitoring-common';
import { isAllowedReportUri, type SageMakerSettings } from '../config/sagemakerConfig';
import { ReportReader } from '../reports/ReportReader';
import { monitorHealth } from '../service/deriveHealth';
import type { EntityRequest } from '../service/requestContext';
import type { AthenaViolationsHistory } from './AthenaViolationsHistory';
import type { AwsClients, AwsTarget } from './AwsClients';
import { AwsSourceFailure } from './awsErrors';
import { sourcePart as part } from './sourcePart';
import { ClarifyCloudWatch } from './ClarifyCloudWatch';
import type { CloudWatchMetrics } from './CloudWatchMetrics';
import { ModelQualityCloudWatch } from './ModelQualityCloudWatch';
import { sageMakerFeatureStatistics } from './SageMakerFeatureStatistics';
import { sageMakerQuality, type SageMakerQualityDeps } from './SageMakerQuality';
import { SageMakerClarifyInputs } from './SageMakerClarifyInputs';
import type { SageMakerApi } from './SageMakerApi';

type Range = { from: Date; to: Date };

/**
 * The SageMaker source: SageMaker API for schedules, executions and model cards, S3 for the
 * reports, CloudWatch for drift, traffic and alarms, Athena for long violation histories. Each
 * part fails on its own: the response carries a SourceError for it and the rest stays valid.
 */
export class SageMakerSource {
  private readonly clarifyCloudWatch: ClarifyCloudWatch;
  private readonly qualityCloudWatch: ModelQualityCloudWatch;

  constructor(
    private readonly deps: {
      settings: SageMakerSettings;
      clients: AwsClients;
      api: SageMakerApi;
      cloudWatch: CloudWatchMetrics;
      history?: AthenaViolationsHistory;
    },
  ) {
    this.clarifyCloudWatch = new ClarifyCloudWatch(deps.clients, deps.cloudWatch);
    this.qualityCloudWatch = new ModelQualityCloudWatch(deps.clients, deps.cloudWatch);
  }

  target(request: Pick<EntityRequest, 'annotations'>): AwsTarget {
    return { accountId: request.annotations.accountId, region: request.annotations.region ?? this.deps.settings.region };
  }

  /** Schedule names: the annotation's, else every schedule of the endpoint. */
  async scheduleNames(request: EntityRequest): Promise<string[]> {
    if (request.scheduleNames.length) return request.scheduleNames;
    return this.deps.api.scheduleNames(this.target(request), request.annotations.endpointName);
  }

  async riskRating(request: EntityRequest, errors: SourceError[]): Promise<{ rating: ModelRiskRating; from: ModelMonitoringSummary['riskRatingSource'] }> {
    const { riskRatingOverride, modelCardName } = request.annotations;
    if (riskRatingOverride) return { rating: riskRatingOverride, from: 'annotation' };
    if (!modelCardName) return { rating: 'Unknown', from: 'none' };
    const rating = await part<ModelRiskRating | undefined>(errors, 'model-card', `Model card ${modelCardName}`, undefined, () =>
      this.deps.api.riskRating(this.target(request), modelCardName),
    );
    return rating ? { rating, from: 'model-card' } : { rating: 'Unknown', from: 'none' };
  }

  async summary(request: EntityRequest): Promise<ModelMonitoringSummary> {
    const errors: SourceError[] = [];
    const target = this.target(request);
    const endpoint = request.annotations.endpointName;
    const names = await part(errors, 'sagemaker', `Monitoring schedules of ${endpoint}`, [] as string[], () => this.scheduleNames(request));
    const [monitors, risk, alarms] = await Promise.all([
      Promise.all(
        names.map(name =>
          part<MonitorSummary>(errors, 'sagemaker', `Monitoring schedule ${name}`, { scheduleName: name, monitorType: 'DataQuality', health: 'Unknown' }, async () => {
            const s = await this.deps.api.schedule(target, name);
            return {
              scheduleName: name,
              monitorType: s.monitorType,
              scheduleExpression: s.scheduleExpression,
              scheduleStatus: s.status,
              failureReason: s.failureReason,
              lastExecution: s.lastExecution,
              health: monitorHealth(s.lastExecution),
            };
          }),
        ),
      ),
      this.riskRating(request, errors),
      part<CloudWatchAlarmState[] | undefined>(errors, 'cloudwatch', 'CloudWatch alarms', undefined, () =>
        this.deps.cloudWatch.alarms(target, endpoint, this.deps.settings.alarmNamePrefix),
      ),
    ]);
    const order = ['InAlert', 'Violations', 'Failed', 'OK', 'NoData', 'Unknown'] as const;
    const states = monitors.map(m => m.health ?? 'Unknown');
    if (alarms?.some(a => a.state === 'ALARM')) states.push('InAlert');
    const health = states.length ? [...states].sort((a, b) => order.indexOf(a) - order.indexOf(b))[0] : 'NoData';
    return {
      entityRef: request.entityRef,
      source: 'sagemaker',
      endpointName: endpoint,
      monitors,
      riskRating: risk.rating,
      riskRatingSource: risk.from,
      health,
      cloudWatchAlarms: alarms,
      dashboardAvailable: Boolean(request.annotations.quickSightDashboardId && this.deps.settings.quickSight),
      ...(errors.length ? { errors } : {}),
    };
  }

  async executions(request: EntityRequest, scheduleNames: string[], range: Range, limit: number, status?: MonitoringExecution['status']) {
    const lists = await Promise.all(
      scheduleNames.map(name => this.deps.api.executions(this.target(request), name, range, limit, status)),
    );
    return lists.flat().sort((a, b) => b.windowEnd.localeCompare(a.windowEnd) || a.scheduleName.localeCompare(b.scheduleName)).slice(0, limit);
  }

  /** Where the execution of a schedule at `windowEnd` wrote its reports; refused outside the allowed prefixes. */
  async reportUriAt(request: EntityRequest, scheduleName: string, windowEnd: Date): Promise<string | undefined> {
    const target = this.target(request);
    const execution = await this.deps.api.executionAt(target, scheduleName, windowEnd);
    if (!execution?.ProcessingJobArn) return undefined;
    const uri = await this.deps.api.reportUri(target, execution.ProcessingJobArn);
    if (!uri) return undefined;
    if (!isAllowedReportUri(this.deps.settings, uri)) {
      throw new AwsSourceFailure(`Report location ${uri} is outside modelMonitoring.sagemaker.reportPrefixes`, 502);
    }
    return uri;
  }

  /** A reader of reports in S3 with this target's client (same parser as the built-in reports). */
  async reportReader(request: EntityRequest): Promise<ReportReader> {
    const client = await this.deps.clients.s3(this.target(request));
    return new ReportReader(location => new S3ObjectStore(location, { client }));
  }

  /** Bias, attribution and drift-contributor inputs of one request (service/clarifyInputs.ts). */
  clarifyInputs(request: EntityRequest): SageMakerClarifyInputs {
    return new SageMakerClarifyInputs(request, this.target(request), {
      ...this.deps,
      clarifyCloudWatch: this.clarifyCloudWatch,
      reportUriAt: (r, schedule, windowEnd) => this.reportUriAt(r, schedule, windowEnd),
      reportReader: r => this.reportReader(r),
    });
  }

  /** The first schedule of the endpoint with this monitor type (DescribeMonitoringSchedule each). */
  async scheduleOfType(request: EntityRequest, monitorType: MonitorType): Promise<string | undefined> {
    for (const name of request.scheduleNames) {
      if ((await this.deps.api.schedule(this.target(request), name)).monitorType === monitorType) return name;
    }
    return undefined;
  }

  private qualityDeps(): SageMakerQualityDeps {
    return { ...this.deps, reportUriAt: (r, s, w) => this.reportUriAt(r, s, w), reportReader: r => this.reportReader(r) };
  }

  /** Model-quality metrics over time, thresholds and the newest confusion matrix (SageMakerQuality.ts). */
  quality(request: EntityRequest, scheduleName: string, range: Range): Promise<ModelQualityResponse> {
    return sageMakerQuality(request, this.target(request), scheduleName, range, { ...this.qualityDeps(), qualityCloudWatch: this.qualityCloudWatch });
  }

  /** Baseline against a window for one feature (SageMakerFeatureStatistics.ts). */
  featureStatistics(request: EntityRequest, scheduleName: string, feature: string, windowEnd?: Date): Promise<FeatureStatisticsResponse> {
    return sageMakerFeatureStatistics(request, this.target(request), scheduleName, feature, windowEnd, this.qualityDeps());
  }

  async drift(request: EntityRequest, scheduleName: string, range: Range, features: string[] | undefined): Promise<DriftResponse> {
    const errors: SourceError[] = [];
    const target = this.target(request);
    const endpoint = request.annotations.endpointName;
    const names = features?.length
      ? features
      : await part(errors, 'cloudwatch', 'Drift metrics', [] as string[], () => this.deps.cloudWatch.driftFeatures(target, endpoint, scheduleName));
    const series = await part(errors, 'cloudwatch', 'Drift metrics', [] as Array<{ feature: string; points: Array<{ time: string; value: number | null }> }>, () =>
      this.deps.cloudWatch.driftSeries(target, endpoint, scheduleName, names.slice(0, 50), range),
    );
    const latestTime = series.flatMap(s => s.points.map(p => p.time)).sort().at(-1);
    let violations: Array<{ feature?: string; checkType: string }> = [];
    if (latestTime) {
      violations = await part(errors, 'reports', 'constraint_violations.json', [] as typeof violations, async () => {
        const uri = await this.reportUriAt(request, scheduleName, new Date(latestTime));
        const found = uri ? await (await this.reportReader(request)).violations(uri) : undefined;
        return (found?.violations ?? []).map(v => ({ feature: v.feature_name, checkType: String(v.constraint_check_type) }));
      });
    }
    const now = series.map(s => {
      const last = s.points.find(p => p.time === latestTime);
      return {
        feature: s.feature,
        inferredType: 'Unknown' as const,
        distance: last?.value ?? null,
        threshold: null,
        violations: violations.filter(v => v.feature === s.feature).map(v => v.checkType),
        completeness: null,
        baselineCompleteness: null,
      };
    });
    const chosen = features?.length ? series : [...series].sort((a, b) => (now.find(n => n.feature === b.feature)?.distance ?? -1) - (now.find(n => n.feature === a.feature)?.distance ?? -1)).slice(0, 10);
    return {
      entityRef: request.entityRef,
      scheduleName,
      range: { from: range.from.toISOString(), to: range.to.toISOString() },
      latestWindowEnd: latestTime,
      now,
      series: chosen,
      ...(errors.length ? { errors } : {}),
    };
  }

  async violations(request: EntityRequest, scheduleNames: string[], range: Range): Promise<ViolationsResponse> {
    const errors: SourceError[] = [];
    const byTime = new Map<string, ViolationsResponse['points'][number]>();
    const latest: ViolationsResponse['latest'] = [];
    for (const scheduleName of scheduleNames) {
      if (this.deps.history) {
        const points = await part(errors, 'athena', `Violation history of ${scheduleName}`, [] as ViolationsResponse['points'], () =>
          this.deps.history!.violationsByWindow(request.annotations.endpointName, scheduleName, range),
        );
        for (const p of points) {
          const into = byTime.get(p.time) ?? { time: p.time, total: 0, byCheckType: {} };
          into.total += p.total;
          for (const [k, n] of Object.entries(p.byCheckType)) into.byCheckType[k] = (into.byCheckType[k] ?? 0) + n;
          byTime.set(p.time, into);
        }
      }
      await part(errors, 'reports', `Newest violations of ${scheduleName}`, undefined, async () => {
        const [newest] = await this.deps.api.executions(this.target(request), scheduleName, range, 1);
        if (newest?.status !== 'CompletedWithViolations') return;
        const uri = await this.reportUriAt(request, scheduleName, new Date(newest.windowEnd));
        const found = uri ? await (await this.reportReader(request)).violations(uri) : undefined;
        for (const v of found?.violations ?? []) {
          latest.push({ scheduleName, feature: v.feature_name, metric: v.metric_name, checkType: String(v.constraint_check_type), description: v.description ?? '' });
        }
      });
    }
    if (!this.deps.history) {
      errors.push({ source: 'athena', code: 404, message: 'Violation history needs Athena (modelMonitoring.sagemaker.athena); only the newest execution is shown' });
    }
    return {
      entityRef: request.entityRef,
      range: { from: range.from.toISOString(), to: range.to.toISOString() },
      points: [...byTime.values()].sort((a, b) => a.time.localeCompare(b.time)),
      latest,
      ...(errors.length ? { errors } : {}),
    };
  }

  async traffic(request: EntityRequest, range: Range, periodSeconds: number): Promise<TrafficResponse> {
    const errors: SourceError[] = [];
    const target = this.target(request);
    const endpoint = request.annotations.endpointName;
    const capture = await part(errors, 'sagemaker', `Endpoint ${endpoint}`, undefined, () => this.deps.api.dataCapture(target, endpoint));
    const variant = capture?.variants[0] ?? 'AllTraffic';
    const empty = { invocations: [], errors4xx: [], errors5xx: [], latencyAvgMs: [], latencyP50Ms: [], latencyP99Ms: [] };
    const series = await part(errors, 'cloudwatch', `Invocation metrics of ${endpoint}/${variant}`, empty, () =>
      this.deps.cloudWatch.traffic(target, endpoint, variant, range, periodSeconds),
    );
    return {
      entityRef: request.entityRef,
      range: { from: range.from.toISOString(), to: range.to.toISOString() },
      periodSeconds,
      ...series,
      ...(errors.length ? { sourceErrors: errors } : {}),
    };
  }
}
