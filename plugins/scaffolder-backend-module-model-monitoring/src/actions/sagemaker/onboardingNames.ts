import { createHash } from 'node:crypto';

/** SageMaker's limit for endpoint config, processing job, job definition and schedule names. */
const MAX_NAME = 63;

/** A short, stable digest of the given parts (deterministic across runs and replicas). */
export function digest(...parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 8);
}

/**
 * `{endpoint}{suffix}`, shortened to SageMaker's 63 characters when the endpoint name is long:
 * the cut keeps a digest of the full endpoint name, so two long names never share resources.
 */
export function resourceName(endpointName: string, suffix: string): string {
  const name = `${endpointName}${suffix}`;
  if (name.length <= MAX_NAME) return name;
  const keep = MAX_NAME - suffix.length - 9;
  return `${endpointName.slice(0, keep)}-${digest(endpointName)}${suffix}`;
}

/** The names the onboarding of one endpoint creates; the same input gives the same names. */
export interface OnboardingNames {
  dataQualitySchedule: string;
  dataQualityJobDefinition: string;
  modelQualitySchedule: string;
  modelQualityJobDefinition: string;
  modelBiasSchedule: string;
  modelBiasJobDefinition: string;
  modelExplainabilitySchedule: string;
  modelExplainabilityJobDefinition: string;
  topic: string;
  alarm(feature: string): string;
}

export function onboardingNames(endpointName: string, prefix = endpointName): OnboardingNames {
  return {
    dataQualitySchedule: resourceName(prefix, '-data-quality'),
    dataQualityJobDefinition: resourceName(prefix, '-data-quality'),
    modelQualitySchedule: resourceName(prefix, '-model-quality'),
    modelQualityJobDefinition: resourceName(prefix, '-model-quality'),
    modelBiasSchedule: resourceName(prefix, '-model-bias'),
    modelBiasJobDefinition: resourceName(prefix, '-model-bias'),
    modelExplainabilitySchedule: resourceName(prefix, '-model-explainability'),
    modelExplainabilityJobDefinition: resourceName(prefix, '-model-explainability'),
    topic: `${prefix}-model-monitoring-alerts`,
    // The backend shows the alarms whose names start with the endpoint name.
    alarm: feature => `${endpointName}-baseline-drift-${feature}`,
  };
}

/**
 * Name of the endpoint config with data capture: derived from the config it copies and the
 * capture settings, so a retry finds the config an earlier attempt created and reuses it.
 */
export function captureEndpointConfigName(endpointName: string, sourceConfigName: string, settings: unknown): string {
  return resourceName(endpointName, `-capture-${digest(sourceConfigName, settings)}`);
}

/** Name of the baselining job: derived from the endpoint and the job's inputs. */
export function baselineJobName(endpointName: string, settings: unknown): string {
  return resourceName(endpointName, `-baseline-${digest(settings)}`);
}
