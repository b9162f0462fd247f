import { modelEntity } from '../modelEntity';
import type { OnboardedEntity } from '@mlmon/plugin-catalog-backend-module-model-monitoring';
import {
  ANNOTATION_ENDPOINT,
  ANNOTATION_MONITORING_SCHEDULES,
  ANNOTATION_RISK_RATING,
  type AlertRule,
  type BuiltinScheduleSpec,
  type ModelRiskRating,
  type ProblemType,
  type RegisterBuiltinModelRequest,
} from '@mlmon/plugin-model-monitoring-common';

/** What the template asks for (validated by the action's schema). */
export interface BuiltinOnboardingInput {
  name: string;
  namespace?: string;
  title?: string;
  description?: string;
  owner: string;
  system?: string;
  lifecycle?: string;
  tags?: string[];
  riskRating?: ModelRiskRating;
  endpointName?: string;
  variant?: string;
  scheduleExpression?: string;
  modelQuality?: {
    problemType: ProblemType;
    groundTruthUri: string;
    /** Where the prediction / probability is in the captured endpoint output (e.g. `0`). */
    inferenceAttribute?: string;
    probabilityAttribute?: string;
    probabilityThreshold?: number;
  };
  alerting?: { datapointsToAlert?: number; evaluationPeriod?: number };
  /** A bias-drift monitor (ModelBias): the facet and label, where ground truth arrives. */
  bias?: {
    features: string[];
    facet: { column: string; values?: string[]; threshold?: number };
    label: { column: string; positiveValues?: string[]; threshold?: number };
    groundTruthUri: string;
    groundTruthAttribute?: string;
    inferenceAttribute?: string;
    probabilityAttribute?: string;
    probabilityThreshold?: number;
    biasMetrics?: string[];
  };
  /** A feature-attribution-drift monitor (ModelExplainability); `http` is configuration-only. */
  explainability?: {
    features: string[];
    explainer: { kind: 'linear' } | { kind: 'captured'; attributionsAttribute: string };
    inferenceAttribute?: string;
    probabilityAttribute?: string;
    ndcgThreshold?: number;
  };
}

export interface BuiltinOnboardingPlan {
  entityRef: string;
  endpointName: string;
  entity: OnboardedEntity;
  registration: RegisterBuiltinModelRequest;
  dataQualitySchedule: BuiltinScheduleSpec;
  modelQualitySchedule?: BuiltinScheduleSpec;
  biasSchedule?: BuiltinScheduleSpec;
  explainabilitySchedule?: BuiltinScheduleSpec;
  alertRules: AlertRule[];
}

export const DEFAULT_SCHEDULE = 'cron(0 * ? * * *)';

/**
 * Everything the onboarding writes, computed up front from the input and the data root, so that
 * a dry run can show it and every step of a (retried) run writes the same thing.
 * Locations follow the backend's defaults: `{dataRoot}/capture`,
 * `{dataRoot}/baselines/{endpoint}/{schedule}`.
 */
export function planBuiltinOnboarding(input: BuiltinOnboardingInput, dataRoot: string): BuiltinOnboardingPlan {
  const endpointName = input.endpointName ?? input.name;
  const scheduleExpression = input.scheduleExpression ?? DEFAULT_SCHEDULE;
  const baselineUri = (schedule: string) => `${dataRoot}/baselines/${endpointName}/${schedule}`;

  // Schedule names fit SageMaker's 63 characters; fields the user left out stay out of the spec.
  const scheduleName = (suffix: string) => `${endpointName}-${suffix}`.slice(0, 63).replace(/-+$/, '');
  const defined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  const dataQualitySchedule: BuiltinScheduleSpec = {
    name: scheduleName('data-quality'),
    monitorType: 'DataQuality',
    scheduleExpression,
    baselineUri: '',
  };
  dataQualitySchedule.baselineUri = baselineUri(dataQualitySchedule.name);
  let modelQualitySchedule: BuiltinScheduleSpec | undefined;
  if (input.modelQuality) {
    const mq = input.modelQuality;
    const name = scheduleName('model-quality');
    modelQualitySchedule = {
      name,
      monitorType: 'ModelQuality',
      scheduleExpression,
      baselineUri: baselineUri(name),
      problemType: mq.problemType,
      groundTruthUri: mq.groundTruthUri,
      ...defined({
        inferenceAttribute: mq.inferenceAttribute,
        probabilityAttribute: mq.probabilityAttribute,
        probabilityThresholdAttribute: mq.probabilityThreshold,
      }),
    };
  }
  let biasSchedule: BuiltinScheduleSpec | undefined;
  if (input.bias) {
    const b = input.bias;
    const name = scheduleName('bias');
    biasSchedule = {
      name,
      monitorType: 'ModelBias',
      scheduleExpression,
      baselineUri: baselineUri(name),
      features: b.features,
      facet: defined(b.facet) as BuiltinScheduleSpec['facet'],
      label: defined(b.label) as BuiltinScheduleSpec['label'],
      groundTruthUri: b.groundTruthUri,
      ...defined({
        groundTruthAttribute: b.groundTruthAttribute,
        inferenceAttribute: b.inferenceAttribute,
        probabilityAttribute: b.probabilityAttribute,
        probabilityThresholdAttribute: b.probabilityThreshold,
        biasMetrics: b.biasMetrics,
      }),
    };
  }
  let explainabilitySchedule: BuiltinScheduleSpec | undefined;
  if (input.explainability) {
    const e = input.explainability;
    const name = scheduleName('explainability');
    explainabilitySchedule = {
      name,
      monitorType: 'ModelExplainability',
      scheduleExpression,
      baselineUri: baselineUri(name),
      features: e.features,
      explainer: e.explainer,
      ...defined({ inferenceAttribute: e.inferenceAttribute, probabilityAttribute: e.probabilityAttribute, ndcgThreshold: e.ndcgThreshold }),
    };
  }
  const schedules = [dataQualitySchedule, modelQualitySchedule, biasSchedule, explainabilitySchedule].filter(
    (s): s is BuiltinScheduleSpec => s !== undefined,
  );

  const annotations: Record<string, string> = {
    [ANNOTATION_ENDPOINT]: endpointName,
    [ANNOTATION_MONITORING_SCHEDULES]: schedules.map(s => s.name).join(','),
  };
  if (input.riskRating) annotations[ANNOTATION_RISK_RATING] = input.riskRating;
  const { entity, entityRef } = modelEntity(input, annotations);

  const datapointsToAlert = input.alerting?.datapointsToAlert ?? 1;
  const evaluationPeriod = input.alerting?.evaluationPeriod ?? Math.max(datapointsToAlert, 1);
  const alertRules: AlertRule[] = schedules.map(s => ({
    name: `${s.name}-violations`.slice(0, 63).replace(/-+$/, ''),
    kind: 'violations',
    scheduleName: s.name,
    datapointsToAlert,
    evaluationPeriod,
    enabled: true,
  }));

  return {
    entityRef,
    endpointName,
    entity,
    registration: {
      entityRef,
      endpointName,
      captureUri: `${dataRoot}/capture`,
      ...(input.variant ? { variant: input.variant } : {}),
      schedules,
    },
    dataQualitySchedule,
    modelQualitySchedule,
    biasSchedule,
    explainabilitySchedule,
    alertRules,
  };
}
