import { createApiRef } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  AlertState,
  AlertsResponse,
  AttributionDriftResponse,
  BiasDriftResponse,
  DashboardEmbedResponse,
  DriftContributorsResponse,
  DriftResponse,
  ExecutionsResponse,
  ExecutionStatus,
  FeatureStatisticsResponse,
  ModelMonitoringSummary,
  ModelQualityResponse,
  OverviewQuery,
  OverviewResponse,
  PredictionDistributionResponse,
  RunRequest,
  RunResponse,
  RunStatusResponse,
  TrafficResponse,
  ViolationsResponse,
} from '@mlmon/plugin-model-monitoring-common';

/** A time range for the series routes; both ends optional (the backend defaults to 7 days). */
export interface RangeQuery {
  from?: string;
  to?: string;
  schedule?: string;
}

/** Query of the executions route. */
export interface ExecutionsQuery extends RangeQuery {
  status?: ExecutionStatus;
  limit?: number;
  cursor?: string;
}

/**
 * The frontend's view of the model-monitoring backend: one method per REST route
 * (see the route comments in `@mlmon/plugin-model-monitoring-common`).
 *
 * @public
 */
export interface ModelMonitoringApi {
  getSummary(entity: CompoundEntityRef): Promise<ModelMonitoringSummary>;
  getExecutions(
    entity: CompoundEntityRef,
    query?: ExecutionsQuery,
  ): Promise<ExecutionsResponse>;
  /**
   * Drift now and over time. `maxPoints` bounds the points per series (backend default 500):
   * a longer range comes back downsampled to the peak per bucket (`bucketSeconds`).
   */
  getDrift(
    entity: CompoundEntityRef,
    query?: RangeQuery & { features?: string[]; maxPoints?: number },
  ): Promise<DriftResponse>;
  getViolations(
    entity: CompoundEntityRef,
    query?: RangeQuery,
  ): Promise<ViolationsResponse>;
  getFeatureStatistics(
    entity: CompoundEntityRef,
    feature: string,
    query?: { schedule?: string; windowEnd?: string },
  ): Promise<FeatureStatisticsResponse>;
  getPredictions(
    entity: CompoundEntityRef,
    query?: { schedule?: string; windowEnd?: string },
  ): Promise<PredictionDistributionResponse>;
  getQuality(
    entity: CompoundEntityRef,
    query?: RangeQuery,
  ): Promise<ModelQualityResponse>;
  getTraffic(
    entity: CompoundEntityRef,
    query?: { from?: string; to?: string; period?: number },
  ): Promise<TrafficResponse>;
  getAlerts(entity: CompoundEntityRef): Promise<AlertsResponse>;
  /** Marks an open alert as seen by the signed-in user (permission model-monitoring.alerts.update). */
  acknowledgeAlert(
    entity: CompoundEntityRef,
    ruleName: string,
    comment?: string,
  ): Promise<AlertState>;
  /** Starts an on-demand run or backfill of a schedule (permission model-monitoring.job.run). */
  startRun(
    entity: CompoundEntityRef,
    request: RunRequest,
  ): Promise<RunResponse>;
  /** Progress of a run started with {@link ModelMonitoringApi.startRun}. */
  getRun(entity: CompoundEntityRef, runId: string): Promise<RunStatusResponse>;
  /** Bias metrics of the ModelBias schedule over time, with the baseline's allowed band. */
  getBias(
    entity: CompoundEntityRef,
    query?: RangeQuery,
  ): Promise<BiasDriftResponse>;
  /** Feature ranking baseline vs now and NDCG over time (ModelExplainability schedule). */
  getAttribution(
    entity: CompoundEntityRef,
    query?: RangeQuery,
  ): Promise<AttributionDriftResponse>;
  /** The features that contribute most to the newest drift, to look at first. */
  getDriftContributors(
    entity: CompoundEntityRef,
  ): Promise<DriftContributorsResponse>;
  getDashboardEmbed(entity: CompoundEntityRef): Promise<DashboardEmbedResponse>;
  getOverview(query?: OverviewQuery): Promise<OverviewResponse>;
  /**
   * Downloads a report file of an execution (a link's `href`, relative to the plugin's base
   * URL) with the user's credentials, which a plain link would not carry.
   */
  getReport(href: string): Promise<Blob>;
}

/** @public */
export const modelMonitoringApiRef = createApiRef<ModelMonitoringApi>({
  id: 'plugin.model-monitoring.api',
});
