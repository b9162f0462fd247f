import { modelEntity } from '../modelEntity';
import type { ObjectStore } from '@mlmon/monitor-engine';
import {
  onboardingRecordUri,
  writeOnboardingRecord,
  type OnboardedEntity,
  type OnboardingRecord,
} from '@mlmon/plugin-catalog-backend-module-model-monitoring';
import { isDeepStrictEqual } from 'node:util';
import type { StepContext } from './stepContext';

/** The `entity` input: what the catalog shows of the model. */
export interface SageMakerEntityInput {
  name: string;
  namespace?: string;
  owner: string;
  title?: string;
  description?: string;
  system?: string;
  lifecycle?: string;
}

/** The model's entity: the form's fields and the annotations the onboarding validated. */
export function planSageMakerEntity(input: SageMakerEntityInput, annotations: Record<string, string>): {
  entityRef: string;
  entity: OnboardedEntity;
} {
  return modelEntity({ ...input, tags: ['ml', 'sagemaker'] }, annotations);
}

/**
 * Writes the endpoint's onboarding record, from which the catalog module's entity provider
 * emits the entity. A retry writes nothing when the record is the same; the first onboarding's
 * time and user are kept. In a dry run it only says what it would write.
 */
export async function ensureEntityRecord(
  step: Pick<StepContext, 'logger' | 'dryRun'>,
  store: ObjectStore,
  values: { endpointArn: string; endpointName: string; entity: OnboardedEntity; onboardedBy?: string },
  existing: OnboardingRecord | undefined,
): Promise<string> {
  const uri = onboardingRecordUri(store, values.endpointArn);
  const onboardedBy = existing?.onboardedBy ?? values.onboardedBy;
  const record: OnboardingRecord = {
    version: 1,
    source: 'sagemaker',
    endpointName: values.endpointName,
    entity: values.entity,
    onboardedAt: existing?.onboardedAt ?? new Date().toISOString(),
    ...(onboardedBy ? { onboardedBy } : {}),
  };
  if (step.dryRun) {
    step.logger.info(`Dry run: would ${existing ? 'update' : 'write'} the onboarding record ${uri}`);
    return uri;
  }
  if (existing && isDeepStrictEqual(existing, record)) {
    step.logger.info(`Kept the onboarding record ${uri} (unchanged)`);
    return uri;
  }
  await writeOnboardingRecord(store, record);
  step.logger.info(`Wrote the onboarding record ${uri}`);
  return uri;
}
