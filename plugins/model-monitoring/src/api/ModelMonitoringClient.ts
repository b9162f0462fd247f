import type { CompoundEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { ModelMonitoringSummary } from '@mlmon/plugin-model-monitoring-common';
import type { ModelMonitoringApi } from './ModelMonitoringApi';

/** Talks to the `model-monitoring` backend plugin with the signed-in user's token. */
export class ModelMonitoringClient implements ModelMonitoringApi {
  constructor(
    private readonly options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  getSummary(entity: CompoundEntityRef): Promise<ModelMonitoringSummary> {
    return this.get(`${entityPath(entity)}/summary`);
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl('model-monitoring');
    const response = await this.options.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

function entityPath(entity: CompoundEntityRef): string {
  const parts = [entity.namespace, entity.kind, entity.name].map(p =>
    encodeURIComponent(p.toLocaleLowerCase('en-US')),
  );
  return `/entities/${parts.join('/')}`;
}
