import { attributionNdcg, parseClarifyAnalysis, type ClarifyAnalysis } from '@mlmon/monitor-engine';
import type { MonitorType } from '@mlmon/plugin-model-monitoring-common';
import { isAllowedReportUri, type SageMakerSettings } from '../config/sagemakerConfig';
import type { ExecutionMetrics } from '../database/ExecutionMetricsStore';
import { BIAS_METRIC_PREFIX, NDCG_PREFIX, SHAP_PREFIX, clarifyExecutionMetrics, ndcgKey } from '../reports/clarifyMetrics';
import { readClarifyAnalysis, readClarifyViolations } from '../reports/clarifyReports';
import { DRIFT_METRIC_PREFIX, type ReportReader } from '../reports/ReportReader';
import type { ClarifyBaseline, ClarifyInputs, ClarifySettings, ClarifyWindow } from '../service/clarifyInputs';
import type { EntityRequest } from '../service/requestContext';
import type { AwsClients, AwsTarget } from './AwsClients';
import { AwsSourceFailure } from './awsErrors';
import { settingsOfAnalysisConfig } from './clarifyAnalysisConfig';
import type { ClarifyCloudWatch, ClarifyMetric } from './ClarifyCloudWatch';
import { describeClarifyJob, type ClarifyJobDefinition } from './ClarifyJobDefinitions';
import type { CloudWatchMetrics } from './CloudWatchMetrics';
import type { SageMakerApi } from './SageMakerApi';

type Range = { from: Date; to: Date };

/** Executions read per range at most (ListMonitoringExecutions pages of 100). */
const MAX_WINDOWS = 2000;
/** How many of the newest executions are searched for a completed one. */
const LOOK_BACK = 48;
const HOUR_MS = 3_600_000;
const usable = (e: { status: string }) => e.status === 'Completed' || e.status === 'CompletedWithViolations';

export interface SageMakerClarifyDeps {
  settings: Pick<SageMakerSettings, 'reportPrefixes'>;
  clients: AwsClients;
  api: SageMakerApi;
  cloudWatch: CloudWatchMetrics;
  clarifyCloudWatch: ClarifyCloudWatch;
  /** Where the execution at a window end wrote its reports (checked against reportPrefixes). */
  reportUriAt(request: EntityRequest, scheduleName: string, windowEnd: Date): Promise<string | undefined>;
  reportReader(request: EntityRequest): Promise<ReportReader>;
}

/** Splits an s3:// file URI into its folder and file name, for the report reader. */
function folderAndName(uri: string): { folder: string; name: string } {
  const cut = uri.lastIndexOf('/');
  return { folder: uri.slice(0, cut), name: uri.slice(cut + 1) };
}

/**
 * The Clarify builders' inputs for a SageMaker endpoint: executions from
 * ListMonitoringExecutions, series from the bias and explainability metrics in CloudWatch (the
 * NDCG per window computed against the baseline, as SageMaker does not publish it), the newest
 * execution's analysis.json and constraint_violations.json from S3, the baseline and facet from
 * the schedule's job definition. S3 reads stay under modelMonitoring.sagemaker.reportPrefixes.
 * One instance serves one request: job definitions and metric lists are asked for once.
 */
export class SageMakerClarifyInputs implements ClarifyInputs {
  private readonly memo = new Map<string, Promise<unknown>>();
  private readonly target: AwsTarget;
  private readonly endpoint: string;

  constructor(
    private readonly request: EntityRequest,
    target: AwsTarget,
    private readonly deps: SageMakerClarifyDeps,
  ) {
    this.target = target;
    this.endpoint = request.annotations.endpointName;
  }

  private once<T>(key: string, load: () => Promise<T>): Promise<T> {
    let found = this.memo.get(key) as Promise<T> | undefined;
    if (!found) {
      found = load();
      this.memo.set(key, found);
    }
    return found;
  }

  private job(schedule: string): Promise<ClarifyJobDefinition> {
    return this.once(`job\u0000${schedule}`, () => describeClarifyJob(this.deps.clients, this.target, schedule));
  }

  /** A file of a job definition in S3, refused outside the configured prefixes. */
  private async readFile(uri: string): Promise<Buffer | undefined> {
    if (!isAllowedReportUri(this.deps.settings, uri)) {
      throw new AwsSourceFailure(`${uri} is outside modelMonitoring.sagemaker.reportPrefixes`, 502);
    }
    const { folder, name } = folderAndName(uri);
    return (await this.deps.reportReader(this.request)).file(folder, name);
  }

  async schedules(): Promise<Array<{ name: string; monitorType?: MonitorType }>> {
    return this.once('schedules', () =>
      Promise.all(
        this.request.scheduleNames.map(async name => ({ name, monitorType: (await this.deps.api.schedule(this.target, name)).monitorType })),
      ),
    );
  }

  async settings(schedule: string): Promise<ClarifySettings | undefined> {
    const { configUri, monitorType } = await this.job(schedule);
    // Only a bias job's configuration says something the builders use (facet and label): the
    // attribution drift threshold of SageMaker is fixed at 0.9.
    if (!configUri || monitorType !== 'ModelBias') return undefined;
    const body = await this.readFile(configUri);
    if (!body) throw new Error(`Analysis configuration ${configUri} does not exist`);
    return settingsOfAnalysisConfig(body.toString('utf8'), configUri);
  }

  async baseline(schedule: string): Promise<ClarifyBaseline | undefined> {
    return this.once(`baseline\u0000${schedule}`, async () => {
      const { baselineUri } = await this.job(schedule);
      if (!baselineUri) return undefined;
      const body = await this.readFile(baselineUri);
      return { location: baselineUri, analysis: body ? parseClarifyAnalysis(body.toString('utf8'), baselineUri) : undefined };
    });
  }

  async windows(schedule: string, range: Range): Promise<ClarifyWindow[]> {
    const items = await this.deps.api.executions(this.target, schedule, range, MAX_WINDOWS);
    return items.map(e => ({ windowEnd: e.windowEnd, status: e.status })).reverse();
  }

  private biasMetrics(schedule: string): Promise<ClarifyMetric[]> {
    return this.once(`bias\u0000${schedule}`, () => this.deps.clarifyCloudWatch.biasMetrics(this.target, this.endpoint, schedule));
  }

  private shapMetrics(schedule: string): Promise<ClarifyMetric[]> {
    return this.once(`shap\u0000${schedule}`, () => this.deps.clarifyCloudWatch.shapMetrics(this.target, this.endpoint, schedule));
  }

  async metricNames(schedule: string, _range: Range, prefix: string): Promise<string[]> {
    let listed: ClarifyMetric[] = [];
    if (prefix.startsWith(BIAS_METRIC_PREFIX)) listed = await this.biasMetrics(schedule);
    else if (prefix.startsWith(SHAP_PREFIX)) listed = await this.shapMetrics(schedule);
    return listed.map(m => m.key).filter(k => k.startsWith(prefix)).sort();
  }

  async series(schedule: string, keys: string[], range: Range): Promise<Map<string, Map<number, number>>> {
    const wanted = new Set(keys);
    const result = new Map(keys.map(k => [k, new Map<number, number>()]));
    const ndcgKeys = keys.filter(k => k.startsWith(NDCG_PREFIX));
    const plain = keys.filter(k => !k.startsWith(NDCG_PREFIX));
    if (plain.length) {
      const listed = [...(plain.some(k => k.startsWith(BIAS_METRIC_PREFIX)) ? await this.biasMetrics(schedule) : []), ...(plain.some(k => k.startsWith(SHAP_PREFIX)) ? await this.shapMetrics(schedule) : [])];
      const values = await this.deps.clarifyCloudWatch.values(this.target, listed.filter(m => wanted.has(m.key)), range);
      for (const [key, byTime] of values) result.set(key, byTime);
    }
    if (ndcgKeys.length) {
      const baseline = (await this.baseline(schedule))?.analysis;
      const shap = await this.shapMetrics(schedule);
      for (const key of ndcgKeys) {
        const label = shap.find(m => m.label !== undefined && ndcgKey(m.label) === key)?.label;
        const reference = label === undefined ? undefined : baseline?.explanations?.kernel_shap?.[label]?.global_shap_values;
        if (label === undefined || !reference) continue;
        result.set(key, await this.ndcgSeries(shap.filter(m => m.label === label), reference, range));
      }
    }
    return result;
  }

  /** NDCG of every hour with attributions, against the baseline's (SageMaker does not publish it). */
  private async ndcgSeries(metrics: ClarifyMetric[], reference: Record<string, number>, range: Range): Promise<Map<number, number>> {
    const values = await this.deps.clarifyCloudWatch.values(this.target, metrics, range);
    const byTime = new Map<number, Record<string, number>>();
    for (const m of metrics) {
      for (const [time, value] of values.get(m.key) ?? []) {
        const record = byTime.get(time) ?? {};
        record[m.feature!] = value;
        byTime.set(time, record);
      }
    }
    return new Map([...byTime].map(([time, record]) => [time, attributionNdcg(reference, record)]));
  }

  async metricsAt(schedule: string, windowEnd: string): Promise<ExecutionMetrics> {
    const uri = await this.deps.reportUriAt(this.request, schedule, new Date(windowEnd));
    if (!uri) return {};
    const analysis = await readClarifyAnalysis(await this.deps.reportReader(this.request), uri);
    if (!analysis) return {};
    let baseline: ClarifyAnalysis | undefined;
    try {
      baseline = (await this.baseline(schedule))?.analysis;
    } catch {
      // The baseline's own error is reported by the builder; the window's values stand alone.
    }
    return clarifyExecutionMetrics(analysis, baseline);
  }

  async violationsAt(schedule: string, windowEnd: string) {
    const uri = await this.deps.reportUriAt(this.request, schedule, new Date(windowEnd));
    return uri ? readClarifyViolations(await this.deps.reportReader(this.request), uri) : [];
  }

  async newestUsable(schedule: string, monitorType: MonitorType) {
    const newest = await this.deps.api.executions(this.target, schedule, { from: new Date(0), to: new Date() }, LOOK_BACK);
    const execution = newest.find(usable);
    if (!execution) return undefined;
    const window = { windowEnd: execution.windowEnd, status: execution.status };
    if (monitorType !== 'DataQuality') {
      return { execution: window, metrics: await this.metricsAt(schedule, execution.windowEnd), violatingFeatures: [] };
    }
    // Data quality: the violating features from constraint_violations.json, their drift from CloudWatch.
    const uri = await this.deps.reportUriAt(this.request, schedule, new Date(execution.windowEnd));
    const violations = uri ? (await (await this.deps.reportReader(this.request)).violations(uri))?.violations ?? [] : [];
    const features = [...new Set(violations.map(v => v.feature_name).filter((f): f is string => Boolean(f)))];
    const end = new Date(execution.windowEnd);
    const series = await this.deps.cloudWatch.driftSeries(this.target, this.endpoint, schedule, features.slice(0, 500), {
      from: new Date(end.getTime() - HOUR_MS),
      to: new Date(end.getTime() + HOUR_MS),
    });
    const metrics: ExecutionMetrics = {};
    for (const s of series) {
      const point = s.points.find(p => p.time === execution.windowEnd) ?? s.points.at(-1);
      if (point?.value !== null && point?.value !== undefined) metrics[`${DRIFT_METRIC_PREFIX}${s.feature}`] = point.value;
    }
    return { execution: window, metrics, violatingFeatures: features };
  }
}
