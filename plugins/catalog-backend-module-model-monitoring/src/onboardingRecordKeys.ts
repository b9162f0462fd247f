import {
  ANNOTATION_ENDPOINT,
  parseMonitoringAnnotations,
  type MonitoringSource,
} from '@mlmon/plugin-model-monitoring-common';

/**
 * Models onboarded through the scaffolder are kept as one JSON file per endpoint under
 * `{dataRoot}/onboarding/models/`:
 *
 * - a built-in endpoint at `onboarding/models/{name}.json` (the layout the first records used);
 * - a SageMaker endpoint at `onboarding/models/sagemaker/{account}/{region}/{name}.json`.
 *
 * A built-in name cannot hold a `/`, and a SageMaker endpoint is unique per account and region
 * only, so the two never share a key, even when a built-in and a SageMaker endpoint (or two
 * SageMaker endpoints in different accounts) have the same name.
 */
export const ONBOARDING_PREFIX = 'onboarding/models/';
export const SAGEMAKER_ONBOARDING_PREFIX = `${ONBOARDING_PREFIX}sagemaker/`;

/** An endpoint as the `mlmon.dev/endpoint` annotation names it, read with the backend's rules. */
export interface OnboardedEndpoint {
  source: MonitoringSource;
  /** The plain name (for SageMaker, the name part of the ARN). */
  endpointName: string;
  /** SageMaker only. */
  accountId?: string;
  /** SageMaker only. */
  region?: string;
}

/**
 * Reads an endpoint annotation value (a built-in endpoint name or a SageMaker endpoint ARN);
 * undefined when it is neither. Uses parseMonitoringAnnotations, so a record is accepted exactly
 * when the backend can read the entity it becomes.
 */
export function parseOnboardedEndpoint(endpoint: string): OnboardedEndpoint | undefined {
  try {
    const parsed = parseMonitoringAnnotations({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'onboarding-record', annotations: { [ANNOTATION_ENDPOINT]: endpoint } },
    });
    // The parser trims; a key must come from the exact value.
    if (!parsed || parsed.endpoint !== endpoint) return undefined;
    const { source, endpointName, accountId, region } = parsed;
    return { source, endpointName, accountId, region };
  } catch {
    return undefined;
  }
}

/**
 * The key of an endpoint's record. `endpoint` is what the entity's `mlmon.dev/endpoint`
 * annotation holds: a built-in endpoint name or a SageMaker endpoint ARN.
 */
export function onboardingRecordKey(endpoint: string): string {
  const parsed = parseOnboardedEndpoint(endpoint);
  if (!parsed) {
    throw new Error(`Invalid endpoint ${JSON.stringify(endpoint)}: neither a built-in endpoint name nor a SageMaker endpoint ARN`);
  }
  if (parsed.source === 'sagemaker') {
    return `${SAGEMAKER_ONBOARDING_PREFIX}${parsed.accountId}/${parsed.region}/${parsed.endpointName}.json`;
  }
  return `${ONBOARDING_PREFIX}${parsed.endpointName}.json`;
}
