import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_ENDPOINT,
  ANNOTATION_MODEL_CARD,
  ANNOTATION_MONITORING_SCHEDULES,
  ANNOTATION_QUICKSIGHT_DASHBOARD,
  ANNOTATION_RISK_RATING,
  MODEL_RISK_RATINGS,
  ModelRiskRating,
  MonitoringSource,
} from './annotations';

/** The monitoring facts an entity declares through its annotations, validated. */
export interface MonitoringAnnotations {
  source: MonitoringSource;
  /** Endpoint name (for SageMaker, the name part of the ARN). */
  endpointName: string;
  /** SageMaker only. */
  region?: string;
  /** SageMaker only. */
  accountId?: string;
  /** Raw annotation value (ARN or name). */
  endpoint: string;
  schedules: string[];
  quickSightDashboardId?: string;
  modelCardName?: string;
  riskRatingOverride?: ModelRiskRating;
}

/** Thrown when an annotation is present but malformed; the message names it and says why. */
export class InvalidAnnotationError extends Error {
  constructor(readonly annotation: string, reason: string) {
    super(`Annotation ${annotation} is invalid: ${reason}`);
    this.name = 'InvalidAnnotationError';
  }
}

// Same character rules as SageMaker endpoint and schedule names, so a value that passes here
// is also safe to use as an identifier in storage keys and query templates.
const NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
const ENDPOINT_ARN =
  /^arn:aws[a-z-]*:sagemaker:([a-z0-9-]+):(\d{12}):endpoint\/([a-zA-Z0-9](-*[a-zA-Z0-9]){0,62})$/;
const QUICKSIGHT_ID = /^[\w-]{1,512}$/;

/** True when the entity carries the endpoint annotation (whether or not it is valid). */
export function isModelMonitoringAvailable(entity: Entity): boolean {
  return Boolean(entity.metadata.annotations?.[ANNOTATION_ENDPOINT]);
}

/**
 * Reads and validates the plugin's annotations. Returns undefined when the entity is not
 * monitored; throws {@link InvalidAnnotationError} when an annotation is malformed.
 */
export function parseMonitoringAnnotations(
  entity: Entity,
): MonitoringAnnotations | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const endpoint = annotations[ANNOTATION_ENDPOINT]?.trim();
  if (!endpoint) {
    return undefined;
  }

  const base = parseEndpoint(endpoint);
  const schedules = (annotations[ANNOTATION_MONITORING_SCHEDULES] ?? '')
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);
  for (const schedule of schedules) {
    if (!NAME.test(schedule)) {
      throw new InvalidAnnotationError(
        ANNOTATION_MONITORING_SCHEDULES,
        `"${schedule}" is not a valid schedule name (letters, digits and hyphens, at most 63)`,
      );
    }
  }

  const dashboard = annotations[ANNOTATION_QUICKSIGHT_DASHBOARD]?.trim();
  if (dashboard !== undefined && !QUICKSIGHT_ID.test(dashboard)) {
    throw new InvalidAnnotationError(
      ANNOTATION_QUICKSIGHT_DASHBOARD,
      `"${dashboard}" is not a QuickSight dashboard id`,
    );
  }

  const modelCard = annotations[ANNOTATION_MODEL_CARD]?.trim();
  if (modelCard !== undefined && !NAME.test(modelCard)) {
    throw new InvalidAnnotationError(
      ANNOTATION_MODEL_CARD,
      `"${modelCard}" is not a valid model card name`,
    );
  }

  const risk = annotations[ANNOTATION_RISK_RATING]?.trim();
  if (risk !== undefined && !(MODEL_RISK_RATINGS as readonly string[]).includes(risk)) {
    throw new InvalidAnnotationError(
      ANNOTATION_RISK_RATING,
      `"${risk}" must be one of ${MODEL_RISK_RATINGS.join(', ')}`,
    );
  }

  return {
    ...base,
    endpoint,
    schedules,
    quickSightDashboardId: dashboard,
    modelCardName: modelCard,
    riskRatingOverride: risk as ModelRiskRating | undefined,
  };
}

function parseEndpoint(
  endpoint: string,
): Pick<MonitoringAnnotations, 'source' | 'endpointName' | 'region' | 'accountId'> {
  if (endpoint.startsWith('arn:')) {
    const match = ENDPOINT_ARN.exec(endpoint);
    if (!match) {
      throw new InvalidAnnotationError(
        ANNOTATION_ENDPOINT,
        `"${endpoint}" is not a SageMaker endpoint ARN (arn:aws:sagemaker:REGION:ACCOUNT:endpoint/NAME)`,
      );
    }
    return {
      source: 'sagemaker',
      region: match[1],
      accountId: match[2],
      endpointName: match[3],
    };
  }
  if (!NAME.test(endpoint)) {
    throw new InvalidAnnotationError(
      ANNOTATION_ENDPOINT,
      `"${endpoint}" is neither a SageMaker endpoint ARN nor a valid endpoint name (letters, digits and hyphens, at most 63)`,
    );
  }
  return { source: 'builtin', endpointName: endpoint };
}
