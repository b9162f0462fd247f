import { createApiRef } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type { ModelMonitoringSummary } from '@mlmon/plugin-model-monitoring-common';

/** The frontend's view of the model-monitoring backend. */
export interface ModelMonitoringApi {
  getSummary(entity: CompoundEntityRef): Promise<ModelMonitoringSummary>;
}

/** @public */
export const modelMonitoringApiRef = createApiRef<ModelMonitoringApi>({
  id: 'plugin.model-monitoring.api',
});
