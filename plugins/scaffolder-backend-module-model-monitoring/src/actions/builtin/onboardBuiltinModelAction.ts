import type { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  builtinDataRoot,
  onboardingRecordUri,
  onboardingStore,
  writeOnboardingRecord,
} from '@mlmon/plugin-catalog-backend-module-model-monitoring';
import { MODEL_RISK_RATINGS } from '@mlmon/plugin-model-monitoring-common';
import { parseScheduleExpression } from '@mlmon/monitor-engine';
import { checkOnboardingConflicts } from '../onboardingConflicts';
import { yamlExample } from '../yamlExample';
import { planBuiltinOnboarding, DEFAULT_SCHEDULE } from './builtinOnboardingPlan';
import { resolveDataset, toLocationUrl } from './datasetLocation';
import { ModelMonitoringBackendClient } from './ModelMonitoringBackendClient';
import { baselineExists, writeDataQualityBaseline, writeModelQualityBaseline } from './writeOnboardingBaselines';
import { clarifyBaselineExists, csvColumns, writeBiasBaseline } from './writeClarifyBaselines';
import { checkClarifyInput } from './clarifyInputRules';
import { writeExplainabilityBaseline } from './writeExplainabilityBaseline';

export const ONBOARD_BUILTIN_ACTION_ID = 'mlmon:builtin:onboard';

const NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
const ENTITY_NAME = /^[a-zA-Z0-9]([-_.a-zA-Z0-9]{0,61}[a-zA-Z0-9])?$/;

export interface OnboardBuiltinModelDeps {
  config: Config;
  auth: AuthService;
  discovery: DiscoveryService;
  catalog: CatalogService;
  fetch?: typeof fetch;
  /** How often to look for the new entity in the catalog (tests use less). */
  entityPollMs?: number;
}

/** Where onboarding may read data sets from: the data root, allowed and configured locations. */
function allowedDatasetPrefixes(config: Config): string[] {
  return [
    builtinDataRoot(config),
    ...(config.getOptionalStringArray('modelMonitoring.builtin.allowedLocations') ?? []),
    ...(config.getOptionalStringArray('modelMonitoring.onboarding.datasetLocations') ?? []),
  ].map(l => toLocationUrl(l));
}

/**
 * Onboards a model to the built-in engine: baselines from the data sets the user gives, the
 * model's catalog entity (through this project's entity provider, no Git host), its
 * registration with the backend (schedules: data quality, and model quality when a
 * ground-truth location is given) and its alert rules. Every step replaces what a previous
 * attempt wrote with the same thing, so a retried or resumed task does no harm; an existing
 * baseline is kept unless `replaceBaselines`.
 */
export function onboardBuiltinModelAction(deps: OnboardBuiltinModelDeps) {
  const backend = new ModelMonitoringBackendClient(deps);
  return createTemplateAction({
    id: ONBOARD_BUILTIN_ACTION_ID,
    description: 'Onboards a model to the built-in monitoring engine: baselines, schedules, alert rules and its catalog entity',
    supportsDryRun: true,
    examples: [
      {
        description: 'Data quality of a regression model, from its training data set',
        example: yamlExample(ONBOARD_BUILTIN_ACTION_ID, {
          name: 'housing-price-v2',
          owner: 'group:default/ml-platform',
          datasetUri: '../../demo/data/california_housing_4000.csv',
          excludeColumns: ['median_house_value'],
        }),
      },
      {
        description: 'Data and model quality of a classifier whose labels arrive in S3',
        example: yamlExample(ONBOARD_BUILTIN_ACTION_ID, {
          name: 'churn-xgb',
          owner: 'group:default/growth',
          datasetUri: 's3://ml-data/churn/train-features.csv',
          modelQuality: {
            problemType: 'BinaryClassification',
            groundTruthUri: 's3://ml-data/churn/ground-truth',
            baselineDatasetUri: 's3://ml-data/churn/validation-predictions.csv',
            groundTruthAttribute: 'label',
            baselineProbabilityAttribute: 'probability',
            probabilityAttribute: '0',
            probabilityThreshold: 0.5,
          },
          alerting: { datapointsToAlert: 2, evaluationPeriod: 3 },
        }),
      },
      {
        description: 'Bias drift (sex = Female) and feature-attribution drift of a linear income classifier; the attribution baseline is computed from the training data set',
        example: yamlExample(ONBOARD_BUILTIN_ACTION_ID, {
          name: 'income-lr',
          owner: 'group:default/credit',
          datasetUri: 's3://ml-data/income/train-features.csv',
          biasMonitor: {
            datasetUri: 's3://ml-data/income/validation-scored.csv',
            predictionColumn: 'score',
            probabilityThreshold: 0.5,
            facet: { column: 'sex', values: ['Female'] },
            label: { column: 'income', positiveValues: ['1'] },
            groundTruthUri: 's3://ml-data/income/ground-truth',
            probabilityAttribute: '0',
          },
          explainabilityMonitor: {
            explainer: 'linear',
            modelFileUri: 's3://ml-data/income/model.json',
            probabilityAttribute: '0',
          },
        }),
      },
    ],
    schema: {
      input: {
        name: z => z.string().regex(ENTITY_NAME, 'letters, digits, - _ . (at most 63)').describe('Entity name of the model'),
        namespace: z => z.string().regex(ENTITY_NAME).optional().describe('Entity namespace (default: default)'),
        title: z => z.string().max(200).optional(),
        description: z => z.string().max(2000).optional(),
        owner: z => z.string().min(1).describe('Owner entity ref, e.g. group:default/ml-platform'),
        system: z => z.string().optional(),
        lifecycle: z => z.string().optional().describe('Default production'),
        tags: z => z.array(z.string().regex(/^[a-z0-9:+#-]{1,63}$/)).max(20).optional(),
        riskRating: z => z.enum(MODEL_RISK_RATINGS).optional(),
        endpointName: z => z.string().regex(NAME, 'letters, digits and hyphens, at most 63').optional().describe('Built-in endpoint name (default: the entity name)'),
        variant: z => z.string().regex(NAME).optional(),
        scheduleExpression: z => z.string().optional().describe(`SageMaker cron (default ${DEFAULT_SCHEDULE})`),
        datasetUri: z => z.string().min(1).describe('CSV with a header: the data the model was trained on (path, file:// or s3://)'),
        excludeColumns: z => z.array(z.string()).optional().describe('Columns that are not model inputs (label, ids)'),
        modelQuality: z =>
          z
            .object({
              problemType: z.enum(['BinaryClassification', 'MulticlassClassification', 'Regression']),
              groundTruthUri: z.string().min(1).describe('Where the ground-truth records arrive'),
              baselineDatasetUri: z.string().min(1).describe('CSV with a header: ground truth and predictions per row'),
              groundTruthAttribute: z.string().min(1),
              baselineInferenceAttribute: z.string().optional(),
              baselineProbabilityAttribute: z.string().optional(),
              inferenceAttribute: z.string().optional().describe('Where the prediction is in the captured output'),
              probabilityAttribute: z.string().optional().describe('Where the probability is in the captured output'),
              probabilityThreshold: z.number().min(0).max(1).optional(),
            })
            .optional(),
        alerting: z =>
          z
            .object({
              datapointsToAlert: z.number().int().min(1).max(100).optional(),
              evaluationPeriod: z.number().int().min(1).max(100).optional(),
            })
            .optional(),
        biasMonitor: z =>
          z
            .object({
              datasetUri: z.string().min(1).describe("CSV with a header: features, the label and the trained model's prediction per row (e.g. a validation set scored by the model)"),
              predictionColumn: z.string().min(1).describe("Column of datasetUri with the model's prediction or score"),
              probabilityThreshold: z.number().min(0).max(1).optional().describe('The prediction is a score, positive above this (Clarify default 0.5)'),
              facet: z.object({ column: z.string().min(1), values: z.array(z.string().min(1)).min(1).optional(), threshold: z.number().optional() }),
              label: z.object({ column: z.string().min(1), positiveValues: z.array(z.string().min(1)).min(1).optional(), threshold: z.number().optional() }),
              groundTruthUri: z.string().min(1).optional().describe('Where ground truth arrives (default modelQuality.groundTruthUri)'),
              groundTruthAttribute: z.string().optional(),
              inferenceAttribute: z.string().optional().describe('Where the predicted label is in the captured output'),
              probabilityAttribute: z.string().optional().describe('Where the score is in the captured output'),
              biasMetrics: z.array(z.enum(['DPPL', 'DI', 'DCA', 'DCR', 'RD', 'DAR', 'DRR', 'AD', 'CDDPL', 'TE', 'FT'])).min(1).optional(),
            })
            .optional(),
        explainabilityMonitor: z =>
          z
            .object({
              explainer: z.string().describe('linear (model.json in the baseline folder) or captured (attributions in the model output)'),
              modelFileUri: z.string().min(1).optional().describe('linear: the model.json ({"kind","intercept","weights"})'),
              attributionsAttribute: z.string().min(1).optional().describe('captured: JSON path of the attributions in the output'),
              datasetUri: z.string().min(1).optional().describe('CSV with a header the attribution baseline is computed from (default: datasetUri, the training data)'),
              attributionColumnPrefix: z.string().min(1).optional().describe('captured: the data set carries the attributions in columns {prefix}{feature}'),
              baselineAnalysisUri: z.string().min(1).optional().describe('An existing baseline analysis.json (mlmon suggest-baseline feature-attribution, or Clarify) instead of computing one'),
              inferenceAttribute: z.string().optional(),
              probabilityAttribute: z.string().optional(),
              ndcgThreshold: z.number().min(0).max(1).optional(),
            })
            .optional(),
        replaceBaselines: z => z.boolean().optional().describe('Recompute baselines that exist already'),
        waitForEntitySeconds: z => z.number().int().min(0).max(600).optional().describe('Default 120'),
      },
      output: {
        entityRef: z => z.string(),
        endpointName: z => z.string(),
        schedules: z => z.array(z.string()),
        baselineUris: z => z.array(z.string()),
        onboardingRecordUri: z => z.string(),
      },
    },
    async handler(ctx) {
      const input = ctx.input;
      if (input.scheduleExpression) {
        try {
          parseScheduleExpression(input.scheduleExpression);
        } catch (error) {
          throw new InputError(`scheduleExpression: ${(error as Error).message}`);
        }
      }
      if (input.alerting?.datapointsToAlert && input.alerting.evaluationPeriod &&
        input.alerting.datapointsToAlert > input.alerting.evaluationPeriod) {
        throw new InputError('alerting: datapointsToAlert must not exceed evaluationPeriod');
      }
      const mq = input.modelQuality;
      if (mq && mq.problemType === 'BinaryClassification' && !mq.probabilityAttribute && !mq.inferenceAttribute) {
        throw new InputError('modelQuality: give probabilityAttribute or inferenceAttribute (where the captured output holds them)');
      }
      const bm = input.biasMonitor;
      const em = input.explainabilityMonitor;
      checkClarifyInput(input);
      const dataRoot = builtinDataRoot(deps.config);
      const allowedPrefixes = allowedDatasetPrefixes(deps.config);
      const datasetOptions = { workspacePath: ctx.workspacePath, allowedPrefixes };
      // Every downloaded file is removed at the end, also when a later step fails.
      const opened: Array<{ cleanup(): void }> = [];
      const open = async (uri: string, field: string) => {
        const found = await resolveDataset(uri, field, datasetOptions);
        opened.push(found);
        return found;
      };
      try {
      const dataset = await open(input.datasetUri, 'datasetUri');
      // The captured input's columns: the training data set's, without the excluded ones.
      const inputColumns = csvColumns(dataset.localPath).filter(c => !(input.excludeColumns ?? []).includes(c));
      const groundTruthUri = bm?.groundTruthUri ?? mq?.groundTruthUri;
      const plan = planBuiltinOnboarding(
        {
          ...input,
          modelQuality: mq && {
            problemType: mq.problemType,
            groundTruthUri: toLocationUrl(mq.groundTruthUri),
            inferenceAttribute: mq.inferenceAttribute,
            probabilityAttribute: mq.probabilityAttribute,
            probabilityThreshold: mq.probabilityThreshold,
          },
          bias: bm && {
            features: inputColumns,
            facet: bm.facet,
            label: bm.label,
            groundTruthUri: toLocationUrl(groundTruthUri!),
            groundTruthAttribute: bm.groundTruthAttribute,
            inferenceAttribute: bm.inferenceAttribute,
            probabilityAttribute: bm.probabilityAttribute,
            probabilityThreshold: bm.probabilityThreshold,
            biasMetrics: bm.biasMetrics,
          },
          explainability: em && {
            features: inputColumns,
            explainer: em.explainer === 'linear' ? { kind: 'linear' as const } : { kind: 'captured' as const, attributionsAttribute: em.attributionsAttribute! },
            inferenceAttribute: em.inferenceAttribute,
            probabilityAttribute: em.probabilityAttribute,
            ndcgThreshold: em.ndcgThreshold,
          },
        },
        dataRoot,
      );
      const store = onboardingStore(deps.config);

      // Refuse to take over another model's endpoint, or another endpoint's entity, before writing anything.
      const existing = await checkOnboardingConflicts(store, plan.endpointName, plan.entityRef, 'name');

      const mqDataset = mq ? await open(mq.baselineDatasetUri, 'modelQuality.baselineDatasetUri') : undefined;
      const biasDataset = bm ? await open(bm.datasetUri, 'biasMonitor.datasetUri') : undefined;
      const shapAnalysis = em?.baselineAnalysisUri ? await open(em.baselineAnalysisUri, 'explainabilityMonitor.baselineAnalysisUri') : undefined;
      const shapModel = em?.modelFileUri ? await open(em.modelFileUri, 'explainabilityMonitor.modelFileUri') : undefined;
      // Without a given analysis.json, the baseline is computed from this data set.
      let shapDataset: typeof dataset | undefined;
      if (em && !shapAnalysis) {
        shapDataset = em.datasetUri ? await open(em.datasetUri, 'explainabilityMonitor.datasetUri') : dataset;
      }
      const output = () => {
        ctx.output('entityRef', plan.entityRef);
        ctx.output('endpointName', plan.endpointName);
        ctx.output('schedules', plan.registration.schedules.map(s => s.name));
        ctx.output('baselineUris', plan.registration.schedules.map(s => s.baselineUri));
        ctx.output('onboardingRecordUri', onboardingRecordUri(store, plan.endpointName));
      };
        if (ctx.isDryRun) {
          ctx.logger.info(`Dry run: would onboard ${plan.entityRef} (endpoint ${plan.endpointName}) with ` +
            `${plan.registration.schedules.map(s => s.name).join(', ')}; data set ${dataset.url}`);
          output();
          return;
        }

        // 1. Baselines, with the engine.
        const dq = plan.dataQualitySchedule;
        if (input.replaceBaselines || !(await baselineExists(dq.baselineUri))) {
          const { features } = await writeDataQualityBaseline({
            datasetPath: dataset.localPath,
            excludeColumns: input.excludeColumns ?? [],
            baselineUri: dq.baselineUri,
            field: 'datasetUri',
          });
          ctx.logger.info(`Wrote the data-quality baseline (${features} features) to ${dq.baselineUri}`);
        } else {
          ctx.logger.info(`Kept the existing data-quality baseline in ${dq.baselineUri}`);
        }
        const mqs = plan.modelQualitySchedule;
        if (mq && mqs && mqDataset) {
          if (input.replaceBaselines || !(await baselineExists(mqs.baselineUri))) {
            await writeModelQualityBaseline({
              datasetPath: mqDataset.localPath,
              problemType: mq.problemType,
              groundTruthAttribute: mq.groundTruthAttribute,
              inferenceAttribute: mq.baselineInferenceAttribute,
              probabilityAttribute: mq.baselineProbabilityAttribute,
              probabilityThreshold: mq.probabilityThreshold,
              baselineUri: mqs.baselineUri,
              field: 'modelQuality.baselineDatasetUri',
            });
            ctx.logger.info(`Wrote the model-quality baseline to ${mqs.baselineUri}`);
          } else {
            ctx.logger.info(`Kept the existing model-quality baseline in ${mqs.baselineUri}`);
          }
        }

        const bs = plan.biasSchedule;
        if (bm && bs && biasDataset) {
          if (input.replaceBaselines || !(await clarifyBaselineExists(bs.baselineUri))) {
            const { rowsUsed } = await writeBiasBaseline({
              datasetPath: biasDataset.localPath,
              config: {
                facet: bm.facet.values ? { column: bm.facet.column, values: bm.facet.values } : { column: bm.facet.column, threshold: bm.facet.threshold! },
                label: bm.label.positiveValues ? { column: bm.label.column, positiveValues: bm.label.positiveValues } : { column: bm.label.column, threshold: bm.label.threshold! },
                prediction: bm.probabilityThreshold !== undefined
                  ? { column: bm.predictionColumn, probabilityThreshold: bm.probabilityThreshold }
                  : { column: bm.predictionColumn },
                ...(bm.biasMetrics ? { metrics: bm.biasMetrics } : {}),
              },
              baselineUri: bs.baselineUri,
              field: 'biasMonitor.datasetUri',
            });
            ctx.logger.info(`Wrote the bias baseline (${rowsUsed} rows) to ${bs.baselineUri}`);
          } else {
            ctx.logger.info(`Kept the existing bias baseline in ${bs.baselineUri}`);
          }
        }
        const es = plan.explainabilitySchedule;
        if (em && es) {
          if (input.replaceBaselines || !(await clarifyBaselineExists(es.baselineUri))) {
            const written = await writeExplainabilityBaseline({
              monitor: em,
              analysisPath: shapAnalysis?.localPath,
              modelPath: shapModel?.localPath,
              datasetPath: shapDataset?.localPath,
              datasetField: em.datasetUri ? 'explainabilityMonitor.datasetUri' : 'datasetUri',
              inputColumns,
              baselineUri: es.baselineUri,
            });
            ctx.logger.info(`Wrote the feature-attribution baseline (${written}) to ${es.baselineUri}`);
          } else {
            ctx.logger.info(`Kept the existing feature-attribution baseline in ${es.baselineUri}`);
          }
        }

        // 2. The catalog entity, through the onboarded-model entity provider.
        const credentials = await ctx.getInitiatorCredentials();
        const principal = credentials.principal as { userEntityRef?: string; subject?: string };
        const recordUri = await writeOnboardingRecord(store, {
          version: 1,
          endpointName: plan.endpointName,
          entity: plan.entity,
          onboardedAt: existing?.onboardedAt ?? new Date().toISOString(),
          onboardedBy: principal.userEntityRef ?? principal.subject,
        });
        ctx.logger.info(`Wrote ${recordUri}; waiting for ${plan.entityRef} in the catalog`);
        const found = await backend.waitForEntity(
          plan.entityRef,
          credentials,
          (input.waitForEntitySeconds ?? 120) * 1000,
          deps.entityPollMs,
        );
        if (!found) {
          throw new Error(
            `${plan.entityRef} did not appear in the catalog in time; is the catalog module ` +
              '@mlmon/plugin-catalog-backend-module-model-monitoring installed? Retrying the task is safe.',
          );
        }

        // 3. Registration with the backend (schedules), then 4. alert rules.
        await backend.registerModel(plan.registration, credentials);
        ctx.logger.info(`Registered ${plan.endpointName} with the built-in engine`);
        await backend.replaceAlertRules(plan.entityRef, plan.alertRules, credentials);
        ctx.logger.info(`Set ${plan.alertRules.length} alert rule(s): ${plan.alertRules.map(r => r.name).join(', ')}`);
        output();
      } finally {
        for (const file of opened) file.cleanup();
      }
    },
  });
}
