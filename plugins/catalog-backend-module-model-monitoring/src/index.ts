/**
 * Catalog backend module: entities for the models onboarded to the built-in monitoring engine,
 * plus the onboarding-record helpers the scaffolder action writes them with.
 *
 * @packageDocumentation
 */

export { catalogModuleModelMonitoring as default } from './module';
export { OnboardedModelEntityProvider } from './OnboardedModelEntityProvider';
export {
  ONBOARDING_PREFIX,
  builtinDataRoot,
  listOnboardingRecords,
  onboardingRecordKey,
  onboardingRecordSchema,
  onboardingStore,
  parseOnboardingRecord,
  readOnboardingRecord,
  writeOnboardingRecord,
} from './onboardingRecords';
export type { OnboardedEntity, OnboardingRecord } from './onboardingRecords';
