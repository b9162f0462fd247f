import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type { AwsCredentialsManager } from '@backstage/integration-aws-node';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { onboardingStore } from '@mlmon/plugin-catalog-backend-module-model-monitoring';
import { checkOnboardingConflicts } from '../onboardingConflicts';
import { waitForCatalogEntity } from '../waitForCatalogEntity';
import { yamlExample } from '../yamlExample';
import { ensureAlerting } from './alertingStep';
import { modelMonitorAnalyzerImage } from './analyzerImage';
import { ensureViolationsTable } from './athenaTableStep';
import { checkExistingBaseline, computeBaseline } from './baselineStep';
import { clarifyImage } from './clarifyJobDefinitions';
import { ensureClarifyMonitors } from './clarifyMonitorsStep';
import { ensureDataCapture } from './dataCaptureStep';
import { ensureEntityRecord, planSageMakerEntity } from './entityRecordStep';
import { dataQualityJobDefinition, modelQualityJobDefinition } from './jobDefinitions';
import { ensureMonitoringSchedule, type ScheduleResult } from './monitoringScheduleStep';
import { athenaTarget, createOnboardingClients } from './onboardingClients';
import { sageMakerAnnotations } from './onboardingAnnotations';
import { DEFAULT_SCHEDULE, onboardingInputFields, parseOnboardingInput } from './onboardingInput';
import { onboardingNames } from './onboardingNames';
import type { StepContext } from './stepContext';

export const ONBOARD_SAGEMAKER_ACTION_ID = 'mlmon:sagemaker:onboard';

export interface OnboardSageMakerEndpointDeps {
  config: Config;
  /** Read with the task initiator's credentials to wait for the model's entity. */
  catalog: CatalogService;
  /** Default: DefaultAwsCredentialsManager.fromConfig(config). */
  credentials?: AwsCredentialsManager;
  /** Pause between status polls (tests use less). Default 15 s. */
  pollMs?: number;
  /** How often to look for the new entity in the catalog (tests use less). Default 2 s. */
  entityPollMs?: number;
}

const minutes = (n: number) => n * 60_000;

/**
 * Onboards a SageMaker endpoint to SageMaker Model Monitor: data capture, a baseline, the
 * data-quality (and model-quality) schedules, the Athena table the backend reads history from,
 * drift alarms to an e-mail, and the annotations of its catalog entity; with the `entity` input
 * also the entity itself, as an onboarding record the catalog module's entity provider turns
 * into the entity (no Git host), as mlmon:builtin:onboard does. Every step describes
 * before it creates and reuses what exists with the same configuration, so a retried or resumed
 * task does no harm; a resource of the same name with another configuration fails the task
 * with a message naming it. A dry run makes only Describe/List/Get/Head calls and writes no record.
 */
export function onboardSageMakerEndpointAction(deps: OnboardSageMakerEndpointDeps) {
  return createTemplateAction({
    id: ONBOARD_SAGEMAKER_ACTION_ID,
    description:
      'Onboards a SageMaker endpoint to Model Monitor: data capture, baseline, schedules (data and model quality, bias and feature-attribution drift), Athena table, drift alarms, and the model\'s catalog entity (or its annotations)',
    supportsDryRun: true,
    examples: [
      {
        description: 'An endpoint that captures already, with an existing baseline and drift alarms',
        example: yamlExample(ONBOARD_SAGEMAKER_ACTION_ID, {
          endpointArn: 'arn:aws:sagemaker:eu-west-1:123456789012:endpoint/churn-xgb',
          roleArn: 'arn:aws:iam::123456789012:role/model-monitor',
          reportsS3Uri: 's3://ml-monitoring/reports',
          baseline: { s3Uri: 's3://ml-monitoring/baselines/churn-xgb' },
          alerting: { email: 'ml-platform@example.com', features: ['tenure', 'monthly_charges'] },
          quickSightDashboardId: 'churn-monitoring',
          entity: { name: 'churn-xgb', owner: 'group:default/growth', title: 'Churn (XGBoost)' },
        }),
      },
      {
        description: 'Turn capture on, compute the baseline, and monitor model quality against labels',
        example: yamlExample(ONBOARD_SAGEMAKER_ACTION_ID, {
          endpointArn: 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/housing-price',
          roleArn: 'arn:aws:iam::123456789012:role/model-monitor',
          reportsS3Uri: 's3://ml-monitoring/reports',
          dataCapture: { enable: true, destinationS3Uri: 's3://ml-monitoring/capture', samplingPercentage: 50 },
          baseline: { datasetS3Uri: 's3://ml-data/housing/train.csv', outputS3Uri: 's3://ml-monitoring/baselines/housing-price' },
          modelQuality: { problemType: 'Regression', groundTruthS3Uri: 's3://ml-monitoring/ground-truth/housing-price', inferenceAttribute: '0' },
          athena: { database: 'model_monitoring' },
          scheduleExpression: 'cron(0 * ? * * *)',
        }),
      },
      {
        description: 'Also monitor bias drift (sex = Female) and feature-attribution drift with SageMaker Clarify, against Clarify baselines',
        example: yamlExample(ONBOARD_SAGEMAKER_ACTION_ID, {
          endpointArn: 'arn:aws:sagemaker:eu-west-1:123456789012:endpoint/income-xgb',
          roleArn: 'arn:aws:iam::123456789012:role/model-monitor',
          reportsS3Uri: 's3://ml-monitoring/reports',
          baseline: { s3Uri: 's3://ml-monitoring/baselines/income-xgb/data-quality' },
          modelBias: {
            groundTruthS3Uri: 's3://ml-monitoring/ground-truth/income-xgb',
            label: 'income',
            labelValuesOrThreshold: [1],
            facet: { name: 'sex', valuesOrThreshold: ['Female'] },
            headers: ['age', 'education_num', 'sex', 'hr_per_week'],
            probabilityAttribute: '0',
            probabilityThreshold: 0.5,
            constraintsS3Uri: 's3://ml-monitoring/baselines/income-xgb/bias/analysis.json',
          },
          modelExplainability: {
            headers: ['age', 'education_num', 'sex', 'hr_per_week'],
            shapBaselineS3Uri: 's3://ml-monitoring/baselines/income-xgb/shap_baseline.csv',
            probabilityAttribute: '0',
            constraintsS3Uri: 's3://ml-monitoring/baselines/income-xgb/explainability/analysis.json',
          },
        }),
      },
    ],
    schema: {
      input: onboardingInputFields,
      output: {
        annotations: z => z.record(z.string(), z.string()).describe('Annotations to put on the entity'),
        endpointName: z => z.string(),
        schedules: z => z.array(z.string()).describe('Monitoring schedule names'),
        scheduleArns: z => z.array(z.string()),
        jobDefinitions: z => z.array(z.string()),
        endpointConfigName: z => z.string(),
        dataCaptureS3Uri: z => z.string().optional(),
        baselineStatisticsS3Uri: z => z.string(),
        baselineConstraintsS3Uri: z => z.string(),
        baselineJobName: z => z.string().optional(),
        athenaTable: z => z.string().optional(),
        topicArn: z => z.string().optional(),
        alarmNames: z => z.array(z.string()),
        entityRef: z => z.string().optional().describe('The model\'s entity, with the entity input'),
        onboardingRecordUri: z => z.string().optional().describe('The record the entity comes from, with the entity input'),
      },
    },
    async handler(ctx) {
      const input = parseOnboardingInput(ctx.input);
      const arnParts = /endpoint\/(.+)$/.exec(input.endpointArn)!;
      const names = onboardingNames(arnParts[1], input.namePrefix);
      const scheduleNames = [
        names.dataQualitySchedule,
        ...(input.modelQuality ? [names.modelQualitySchedule] : []),
        ...(input.modelBias ? [names.modelBiasSchedule] : []),
        ...(input.modelExplainability ? [names.modelExplainabilitySchedule] : []),
      ];
      const { annotations, parsed } = sageMakerAnnotations({
        endpointArn: input.endpointArn,
        schedules: scheduleNames,
        quickSightDashboardId: input.quickSightDashboardId,
        modelCard: input.modelCard,
        riskRating: input.riskRating,
      });
      const { endpointName, accountId, region } = parsed;

      // Before anything changes: the entity must not belong to another endpoint, nor the endpoint to another entity.
      const entityPlan = input.entity && planSageMakerEntity(input.entity, annotations);
      const store = entityPlan && onboardingStore(deps.config);
      const existingRecord = store && entityPlan
        ? await checkOnboardingConflicts(store, input.endpointArn, entityPlan.entityRef, 'entity.name')
        : undefined;

      const imageUri = input.analyzerImageUri ?? modelMonitorAnalyzerImage(region);
      if (!imageUri) {
        throw new InputError(`analyzerImageUri: no Model Monitor analyzer image is known for region ${region}; give its URI`);
      }
      const clarifyImageUri = input.clarifyImageUri ?? clarifyImage(region);
      if ((input.modelBias || input.modelExplainability) && !clarifyImageUri) {
        throw new InputError(`clarifyImageUri: no SageMaker Clarify image is known for region ${region}; give its URI`);
      }
      const athenaConfig = deps.config.getOptionalConfig('modelMonitoring.sagemaker.athena');
      const database = input.athena?.database ?? athenaConfig?.getOptionalString('database');
      const endpointTarget = { accountId, region };
      const clients = await createOnboardingClients(
        deps.config,
        endpointTarget,
        athenaTarget(deps.config, endpointTarget, input.athena?.region),
        deps.credentials,
      );
      const step: StepContext = { clients, logger: ctx.logger, dryRun: ctx.isDryRun ?? false, pollMs: deps.pollMs ?? 15_000 };
      const instanceType = input.instanceType ?? 'ml.m5.xlarge';
      const scheduleExpression = input.scheduleExpression ?? DEFAULT_SCHEDULE;

      // 1. Data capture.
      const capture = await ensureDataCapture(step, {
        endpointName,
        enable: input.dataCapture?.enable,
        destinationS3Uri: input.dataCapture?.destinationS3Uri,
        samplingPercentage: input.dataCapture?.samplingPercentage,
        waitMs: minutes(input.waitForEndpointMinutes ?? 30),
      });

      // 2. Baseline.
      const baseline = input.baseline.s3Uri
        ? await checkExistingBaseline(step, input.baseline.s3Uri)
        : await computeBaseline(step, {
            endpointName,
            datasetS3Uri: input.baseline.datasetS3Uri!,
            datasetFormat: input.baseline.datasetFormat ?? 'csv',
            outputS3Uri: input.baseline.outputS3Uri!,
            roleArn: input.roleArn,
            imageUri,
            instanceType,
            waitMs: minutes(input.waitForBaselineMinutes ?? 60),
          });

      // 3. Monitoring schedules.
      const definition = { endpointName, roleArn: input.roleArn, imageUri, instanceType, reportsS3Uri: input.reportsS3Uri };
      const schedules: ScheduleResult[] = [
        await ensureMonitoringSchedule(
          step,
          { type: 'DataQuality', definition: dataQualityJobDefinition({ ...definition, name: names.dataQualityJobDefinition }, baseline) },
          names.dataQualitySchedule,
          scheduleExpression,
        ),
      ];
      if (input.modelQuality) {
        schedules.push(
          await ensureMonitoringSchedule(
            step,
            { type: 'ModelQuality', definition: modelQualityJobDefinition({ ...definition, name: names.modelQualityJobDefinition }, input.modelQuality) },
            names.modelQualitySchedule,
            scheduleExpression,
          ),
        );
      }

      schedules.push(
        ...(await ensureClarifyMonitors(step, {
          input,
          names,
          definition: { ...definition, imageUri: clarifyImageUri! },
          scheduleExpression,
          instanceType,
        })),
      );

      // 4. Athena table over the reports (when a database is configured or given).
      let athenaTable: string | undefined;
      if (database) {
        const result = await ensureViolationsTable(step, {
          catalog: athenaConfig?.getOptionalString('catalog') ?? 'AwsDataCatalog',
          database,
          table: input.athena?.table ?? athenaConfig?.getOptionalString('violationsTable') ?? 'sagemaker_constraint_violations',
          workGroup: input.athena?.workGroup ?? athenaConfig?.getOptionalString('workGroup'),
          outputLocation: input.athena?.outputLocation ?? athenaConfig?.getOptionalString('outputLocation'),
          reportsS3Uri: input.reportsS3Uri,
        });
        athenaTable = result.table;
      } else {
        ctx.logger.info('No Athena database (athena.database or modelMonitoring.sagemaker.athena.database): skipping the table');
      }

      // 5. Alerting.
      const alerting = input.alerting
        ? await ensureAlerting(step, {
            endpointName,
            scheduleName: names.dataQualitySchedule,
            topicName: names.topic,
            email: input.alerting.email,
            features: input.alerting.features ?? [],
            alarmName: names.alarm,
            threshold: input.alerting.threshold ?? 0.1,
            evaluationPeriods: input.alerting.evaluationPeriods ?? 1,
            datapointsToAlarm: input.alerting.datapointsToAlarm ?? 1,
          })
        : undefined;

      // 6. Outputs.
      ctx.output('annotations', annotations);
      ctx.output('endpointName', endpointName);
      ctx.output('schedules', schedules.map(s => s.scheduleName));
      ctx.output('scheduleArns', schedules.flatMap(s => (s.scheduleArn ? [s.scheduleArn] : [])));
      ctx.output('jobDefinitions', schedules.map(s => s.jobDefinitionName));
      ctx.output('endpointConfigName', capture.endpointConfigName);
      if (capture.destinationS3Uri) ctx.output('dataCaptureS3Uri', capture.destinationS3Uri);
      ctx.output('baselineStatisticsS3Uri', baseline.statisticsS3Uri);
      ctx.output('baselineConstraintsS3Uri', baseline.constraintsS3Uri);
      if (baseline.processingJobName) ctx.output('baselineJobName', baseline.processingJobName);
      if (athenaTable) ctx.output('athenaTable', athenaTable);
      if (alerting?.topicArn) ctx.output('topicArn', alerting.topicArn);
      ctx.output('alarmNames', alerting?.alarmNames ?? []);

      // 7. The catalog entity, through the onboarded-model entity provider.
      if (entityPlan && store) {
        const credentials = step.dryRun ? undefined : await ctx.getInitiatorCredentials();
        const principal = credentials?.principal as { userEntityRef?: string; subject?: string } | undefined;
        const recordUri = await ensureEntityRecord(
          step,
          store,
          { endpointArn: input.endpointArn, endpointName, entity: entityPlan.entity, onboardedBy: principal?.userEntityRef ?? principal?.subject },
          existingRecord,
        );
        if (credentials) {
          ctx.logger.info(`Waiting for ${entityPlan.entityRef} in the catalog`);
          const found = await waitForCatalogEntity(
            deps.catalog,
            entityPlan.entityRef,
            credentials,
            (input.waitForEntitySeconds ?? 120) * 1000,
            deps.entityPollMs,
          );
          if (!found) {
            throw new Error(
              `${entityPlan.entityRef} did not appear in the catalog in time; is the catalog module ` +
                '@mlmon/plugin-catalog-backend-module-model-monitoring installed? Retrying the task is safe.',
            );
          }
        }
        ctx.output('entityRef', entityPlan.entityRef);
        ctx.output('onboardingRecordUri', recordUri);
      }
      ctx.logger.info(`${step.dryRun ? 'Dry run: would onboard' : 'Onboarded'} ${input.endpointArn} with ${scheduleNames.join(', ')}`);
    },
  });
}
