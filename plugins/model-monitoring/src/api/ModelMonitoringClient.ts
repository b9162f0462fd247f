import type { CompoundEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  AcknowledgeAlertRequest,
  AlertState,
  AlertsResponse,
  AttributionDriftResponse,
  BiasDriftResponse,
  DashboardEmbedResponse,
  DriftContributorsResponse,
  DriftResponse,
  ExecutionsResponse,
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
import type {
  ExecutionsQuery,
  ModelMonitoringApi,
  RangeQuery,
} from './ModelMonitoringApi';

type QueryValue = string | number | boolean | string[] | undefined;

/**
 * Talks to the `model-monitoring` backend plugin with the signed-in user's token.
 *
 * @public
 */
export class ModelMonitoringClient implements ModelMonitoringApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  getSummary(entity: CompoundEntityRef): Promise<ModelMonitoringSummary> {
    return this.get(`${entityPath(entity)}/summary`);
  }

  getExecutions(
    entity: CompoundEntityRef,
    query: ExecutionsQuery = {},
  ): Promise<ExecutionsResponse> {
    return this.get(`${entityPath(entity)}/executions`, { ...query });
  }

  getDrift(
    entity: CompoundEntityRef,
    query: RangeQuery & { features?: string[]; maxPoints?: number } = {},
  ): Promise<DriftResponse> {
    return this.get(`${entityPath(entity)}/drift`, { ...query });
  }

  getViolations(
    entity: CompoundEntityRef,
    query: RangeQuery = {},
  ): Promise<ViolationsResponse> {
    return this.get(`${entityPath(entity)}/violations`, { ...query });
  }

  getFeatureStatistics(
    entity: CompoundEntityRef,
    feature: string,
    query: { schedule?: string; windowEnd?: string } = {},
  ): Promise<FeatureStatisticsResponse> {
    return this.get(
      `${entityPath(entity)}/features/${encodeURIComponent(feature)}`,
      {
        ...query,
      },
    );
  }

  getPredictions(
    entity: CompoundEntityRef,
    query: { schedule?: string; windowEnd?: string } = {},
  ): Promise<PredictionDistributionResponse> {
    return this.get(`${entityPath(entity)}/predictions`, { ...query });
  }

  getQuality(
    entity: CompoundEntityRef,
    query: RangeQuery = {},
  ): Promise<ModelQualityResponse> {
    return this.get(`${entityPath(entity)}/quality`, { ...query });
  }

  getTraffic(
    entity: CompoundEntityRef,
    query: { from?: string; to?: string; period?: number } = {},
  ): Promise<TrafficResponse> {
    return this.get(`${entityPath(entity)}/traffic`, { ...query });
  }

  getAlerts(entity: CompoundEntityRef): Promise<AlertsResponse> {
    return this.get(`${entityPath(entity)}/alerts`);
  }

  acknowledgeAlert(
    entity: CompoundEntityRef,
    ruleName: string,
    comment?: string,
  ): Promise<AlertState> {
    const body: AcknowledgeAlertRequest = comment ? { comment } : {};
    return this.post(
      `${entityPath(entity)}/alerts/${encodeURIComponent(
        ruleName,
      )}/acknowledge`,
      body,
    );
  }

  startRun(
    entity: CompoundEntityRef,
    request: RunRequest,
  ): Promise<RunResponse> {
    return this.post(`${entityPath(entity)}/runs`, request);
  }

  getRun(entity: CompoundEntityRef, runId: string): Promise<RunStatusResponse> {
    return this.get(`${entityPath(entity)}/runs/${encodeURIComponent(runId)}`);
  }

  getBias(
    entity: CompoundEntityRef,
    query: RangeQuery = {},
  ): Promise<BiasDriftResponse> {
    return this.get(`${entityPath(entity)}/bias`, { ...query });
  }

  getAttribution(
    entity: CompoundEntityRef,
    query: RangeQuery = {},
  ): Promise<AttributionDriftResponse> {
    return this.get(`${entityPath(entity)}/attribution`, { ...query });
  }

  getDriftContributors(
    entity: CompoundEntityRef,
  ): Promise<DriftContributorsResponse> {
    return this.get(`${entityPath(entity)}/drift-contributors`);
  }

  getDashboardEmbed(
    entity: CompoundEntityRef,
  ): Promise<DashboardEmbedResponse> {
    return this.get(`${entityPath(entity)}/dashboard-embed`);
  }

  getOverview(query: OverviewQuery = {}): Promise<OverviewResponse> {
    return this.get('/overview', { ...query });
  }

  async getReport(href: string): Promise<Blob> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl(
      'model-monitoring',
    );
    if (!href.startsWith('/')) {
      // Only paths under the plugin: a report link never sends the token elsewhere.
      throw new Error(
        `Report link ${href} is not a path of the model-monitoring backend`,
      );
    }
    const response = await this.options.fetchApi.fetch(`${baseUrl}${href}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.blob();
  }

  private async post<T>(path: string, body: unknown): Promise<T> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl(
      'model-monitoring',
    );
    const response = await this.options.fetchApi.fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }

  private async get<T>(
    path: string,
    query: Record<string, QueryValue> = {},
  ): Promise<T> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl(
      'model-monitoring',
    );
    const response = await this.options.fetchApi.fetch(
      `${baseUrl}${path}${queryString(query)}`,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

/** Lists join with commas, as the backend's comma-separated filters expect; empty values drop. */
export function queryString(query: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else {
      params.set(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function entityPath(entity: CompoundEntityRef): string {
  const parts = [entity.namespace, entity.kind, entity.name].map(p =>
    encodeURIComponent(p.toLocaleLowerCase('en-US')),
  );
  return `/entities/${parts.join('/')}`;
}
