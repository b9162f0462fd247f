import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { InputError } from '@backstage/errors';
import {
  ANNOTATION_ENDPOINT,
  ANNOTATION_MODEL_CARD,
  ANNOTATION_MONITORING_SCHEDULES,
  ANNOTATION_QUICKSIGHT_DASHBOARD,
  ANNOTATION_RISK_RATING,
  InvalidAnnotationError,
  MODEL_RISK_RATINGS,
  parseMonitoringAnnotations,
} from '@mlmon/plugin-model-monitoring-common';
import { yamlExample } from './yamlExample';

export const CREATE_ANNOTATIONS_ACTION_ID = 'mlmon:annotations:create';

/**
 * Builds the `mlmon.dev/*` annotations of a model's catalog entity from template inputs and
 * validates them with the same rules the backend applies, so a template fails at the form's
 * step, not later on the entity page. It has no side effects, so dry-runs and retries are safe.
 */
export function createAnnotationsAction() {
  return createTemplateAction({
    id: CREATE_ANNOTATIONS_ACTION_ID,
    description:
      'Builds and validates the model-monitoring annotations (mlmon.dev/*) for a model entity',
    supportsDryRun: true,
    examples: [
      {
        description: 'A model monitored by the built-in engine, with two schedules',
        example: yamlExample(CREATE_ANNOTATIONS_ACTION_ID, {
          endpoint: 'housing-price',
          schedules: ['housing-price-dq', 'housing-price-mq'],
          riskRating: 'Medium',
        }),
      },
      {
        description: 'A SageMaker endpoint with a QuickSight dashboard and a model card',
        example: yamlExample(CREATE_ANNOTATIONS_ACTION_ID, {
          endpoint: 'arn:aws:sagemaker:eu-west-1:123456789012:endpoint/churn-xgb',
          quickSightDashboardId: 'churn-monitoring',
          modelCard: 'churn-xgb-card',
        }),
      },
    ],
    schema: {
      input: {
        endpoint: z =>
          z
            .string()
            .min(1)
            .describe('SageMaker endpoint ARN, or the name of a built-in endpoint'),
        schedules: z =>
          z.array(z.string()).optional().describe('Monitoring schedule names'),
        quickSightDashboardId: z =>
          z.string().optional().describe('QuickSight dashboard id to embed'),
        modelCard: z => z.string().optional().describe('SageMaker model card name'),
        riskRating: z =>
          z.enum(MODEL_RISK_RATINGS).optional().describe('Risk rating override'),
      },
      output: {
        annotations: z =>
          z.record(z.string(), z.string()).describe('Annotations to put on the entity'),
      },
    },
    async handler(ctx) {
      const { endpoint, schedules, quickSightDashboardId, modelCard, riskRating } = ctx.input;
      const annotations: Record<string, string> = { [ANNOTATION_ENDPOINT]: endpoint };
      if (schedules?.length) {
        annotations[ANNOTATION_MONITORING_SCHEDULES] = schedules.join(',');
      }
      if (quickSightDashboardId) {
        annotations[ANNOTATION_QUICKSIGHT_DASHBOARD] = quickSightDashboardId;
      }
      if (modelCard) {
        annotations[ANNOTATION_MODEL_CARD] = modelCard;
      }
      if (riskRating) {
        annotations[ANNOTATION_RISK_RATING] = riskRating;
      }
      try {
        parseMonitoringAnnotations({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'validation', annotations },
        });
      } catch (error) {
        if (error instanceof InvalidAnnotationError) {
          throw new InputError(error.message);
        }
        throw error;
      }
      ctx.logger.info(`Model-monitoring annotations for ${endpoint} are valid`);
      ctx.output('annotations', annotations);
    },
  });
}
