/**
 * Scaffolder actions for onboarding models to model monitoring.
 *
 * @packageDocumentation
 */

export { scaffolderModuleModelMonitoring as default } from './module';
export { createAnnotationsAction } from './actions/createAnnotationsAction';
export { onboardBuiltinModelAction, ONBOARD_BUILTIN_ACTION_ID } from './actions/builtin/onboardBuiltinModelAction';
export {
  onboardSageMakerEndpointAction,
  ONBOARD_SAGEMAKER_ACTION_ID,
} from './actions/sagemaker/onboardSageMakerEndpointAction';
export type { OnboardSageMakerEndpointDeps } from './actions/sagemaker/onboardSageMakerEndpointAction';
