/**
 * Catalog backend module: entities for the models onboarded through the scaffolder (built-in
 * engine and SageMaker endpoints), plus the onboarding-record helpers the scaffolder actions
 * write them with.
 *
 * @packageDocumentation
 */

export { catalogModuleModelMonitoring as default } from './module';
export { OnboardedModelEntityProvider } from './OnboardedModelEntityProvider';
export {
  builtinDataRoot,
  listOnboardingRecords,
  onboardedEntityRef,
  onboardingRecordKeyOf,
  onboardingRecordSchema,
  onboardingRecordUri,
  onboardingStore,
  parseOnboardingRecord,
  readOnboardingRecord,
  writeOnboardingRecord,
} from './onboardingRecords';
export {
  ONBOARDING_PREFIX,
  SAGEMAKER_ONBOARDING_PREFIX,
  onboardingRecordKey,
  parseOnboardedEndpoint,
} from './onboardingRecordKeys';
export type { OnboardedEndpoint } from './onboardingRecordKeys';
export type { OnboardedEntity, OnboardingRecord } from './onboardingRecords';
