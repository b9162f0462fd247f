import { InputError } from '@backstage/errors';
import {
  ANNOTATION_ENDPOINT,
  ANNOTATION_MODEL_CARD,
  ANNOTATION_MONITORING_SCHEDULES,
  ANNOTATION_QUICKSIGHT_DASHBOARD,
  ANNOTATION_RISK_RATING,
  InvalidAnnotationError,
  parseMonitoringAnnotations,
  type MonitoringAnnotations,
  type ModelRiskRating,
} from '@mlmon/plugin-model-monitoring-common';

export interface SageMakerAnnotationValues {
  endpointArn: string;
  schedules: string[];
  quickSightDashboardId?: string;
  modelCard?: string;
  riskRating?: ModelRiskRating;
}

/**
 * The entity's `mlmon.dev/*` annotations, checked with the rules the backend reads them with
 * (parseMonitoringAnnotations), so a bad value fails the task before anything is created.
 * Returns them with what the parser read from them (account, region and name of the endpoint).
 */
export function sageMakerAnnotations(values: SageMakerAnnotationValues): {
  annotations: Record<string, string>;
  parsed: MonitoringAnnotations & { accountId: string; region: string };
} {
  const annotations: Record<string, string> = { [ANNOTATION_ENDPOINT]: values.endpointArn };
  if (values.schedules.length) annotations[ANNOTATION_MONITORING_SCHEDULES] = values.schedules.join(',');
  if (values.quickSightDashboardId) annotations[ANNOTATION_QUICKSIGHT_DASHBOARD] = values.quickSightDashboardId;
  if (values.modelCard) annotations[ANNOTATION_MODEL_CARD] = values.modelCard;
  if (values.riskRating) annotations[ANNOTATION_RISK_RATING] = values.riskRating;
  let parsed: MonitoringAnnotations | undefined;
  try {
    parsed = parseMonitoringAnnotations({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'validation', annotations },
    });
  } catch (error) {
    if (error instanceof InvalidAnnotationError) throw new InputError(error.message);
    throw error;
  }
  if (parsed?.source !== 'sagemaker' || !parsed.accountId || !parsed.region) {
    throw new InputError(`endpointArn: ${JSON.stringify(values.endpointArn)} is not a SageMaker endpoint ARN`);
  }
  return { annotations, parsed: parsed as MonitoringAnnotations & { accountId: string; region: string } };
}
