import { ConflictError } from '@backstage/errors';
import type { ObjectStore } from '@mlmon/monitor-engine';
import {
  listOnboardingRecords,
  onboardedEntityRef,
  onboardingRecordKey,
  onboardingRecordKeyOf,
  readOnboardingRecord,
  type OnboardingRecord,
} from '@mlmon/plugin-catalog-backend-module-model-monitoring';
import { ANNOTATION_ENDPOINT } from '@mlmon/plugin-model-monitoring-common';

/**
 * Runs before an onboarding changes anything: refuses to move an endpoint that is onboarded
 * for another entity, and to give an entity that another endpoint's record emits (built-in or
 * SageMaker) to this one, as two records would fight over it. `endpoint` is the value of the
 * entity's endpoint annotation (a built-in name or a SageMaker ARN); `entityField` is the input
 * field of the entity name, for the message. Returns the endpoint's existing record, if any.
 */
export async function checkOnboardingConflicts(
  store: ObjectStore,
  endpoint: string,
  entityRef: string,
  entityField: string,
): Promise<OnboardingRecord | undefined> {
  const existing = await readOnboardingRecord(store, endpoint);
  if (existing && onboardedEntityRef(existing) !== entityRef) {
    throw new ConflictError(`Endpoint ${endpoint} is already onboarded for ${onboardedEntityRef(existing)}`);
  }
  const key = onboardingRecordKey(endpoint);
  const { records } = await listOnboardingRecords(store);
  const other = records.find(r => onboardedEntityRef(r) === entityRef && onboardingRecordKeyOf(r) !== key);
  if (other) {
    throw new ConflictError(
      `${entityField}: ${entityRef} is already onboarded for endpoint ${other.entity.metadata.annotations[ANNOTATION_ENDPOINT]}; choose another name`,
    );
  }
  return existing;
}
