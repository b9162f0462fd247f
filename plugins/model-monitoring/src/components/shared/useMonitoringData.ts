import {
  CompoundEntityRef,
  Entity,
  getCompoundEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { isModelMonitoringAvailable } from '@mlmon/plugin-model-monitoring-common';
import { DependencyList } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { ModelMonitoringApi, modelMonitoringApiRef } from '../../api';

/** What a card needs to render one of its states. */
export interface MonitoringDataState<T> {
  entity: Entity;
  /** False when the entity lacks the endpoint annotation: nothing is fetched. */
  available: boolean;
  loading: boolean;
  error?: Error;
  value?: T;
  retry: () => void;
}

/**
 * Loads data of the current entity from the backend, unless the entity is not monitored
 * (then no request is made at all, so unannotated entities cost nothing).
 */
export function useMonitoringData<T>(
  load: (api: ModelMonitoringApi, ref: CompoundEntityRef) => Promise<T>,
  deps: DependencyList = [],
): MonitoringDataState<T> {
  const { entity } = useEntity();
  const api = useApi(modelMonitoringApiRef);
  const available = isModelMonitoringAvailable(entity);
  const state = useAsyncRetry(
    async () =>
      available ? load(api, getCompoundEntityRef(entity)) : undefined,
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, entity, available, ...deps],
  );
  return {
    entity,
    available,
    loading: state.loading,
    error: state.error,
    value: state.value,
    retry: state.retry,
  };
}
