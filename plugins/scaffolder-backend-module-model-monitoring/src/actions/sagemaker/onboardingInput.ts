import { InputError } from '@backstage/errors';
import { parseScheduleExpression } from '@mlmon/monitor-engine';
import { MODEL_RISK_RATINGS } from '@mlmon/plugin-model-monitoring-common';
import { z as zv3 } from 'zod/v3';
import { checkClarifyInput, clarifyInputFields } from './clarifyInputFields';

type Z = typeof zv3;

export const ENDPOINT_ARN = /^arn:aws[a-z-]*:sagemaker:[a-z0-9-]+:\d{12}:endpoint\/[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
/**
 * An s3:// prefix. The characters exclude quotes, `$`, braces and spaces, so a location can be
 * written into Athena DDL and `storage.location.template` without any escaping.
 */
export const S3_PREFIX = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[A-Za-z0-9!_.*()=+-]+)*\/?$/;
/** Glue database and table names: lower case, digits and underscores. */
export const SQL_IDENTIFIER = /^[a-z_][a-z0-9_]{0,127}$/;
export const EMAIL = /^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,63}$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
/** Backstage's entity name and namespace rule. */
const ENTITY_NAME = /^[a-zA-Z0-9]([-_.a-zA-Z0-9]{0,61}[a-zA-Z0-9])?$/;
const FEATURE = /^[A-Za-z0-9_.:-]{1,128}$/;
const IMAGE_URI = /^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/[a-z0-9._/-]+(:[\w.-]+|@sha256:[a-f0-9]{64})?$/;

/**
 * The scaffolder JSON-parses rendered template values, so a form's "0" (a CSV column) arrives
 * as the number 0: text fields take numbers back as text.
 */
const text = <T extends zv3.ZodTypeAny>(z: Z, schema: T) => z.preprocess(v => (typeof v === 'number' ? String(v) : v), schema);

const s3 = (z: Z, what: string) => z.string().regex(S3_PREFIX, `${what}: must be an s3://bucket/prefix location`);

/** The action's inputs, one zod schema (built with the scaffolder's zod) per field. */
export const onboardingInputFields = {
  endpointArn: (z: Z) =>
    z.string().regex(ENDPOINT_ARN, 'must be a SageMaker endpoint ARN, arn:aws:sagemaker:REGION:ACCOUNT:endpoint/NAME')
      .describe('ARN of the SageMaker endpoint to monitor'),
  roleArn: (z: Z) =>
    z.string().regex(ROLE_ARN, 'must be an IAM role ARN, arn:aws:iam::ACCOUNT:role/NAME')
      .describe('IAM role SageMaker assumes to run the baselining and monitoring jobs'),
  reportsS3Uri: (z: Z) => s3(z, 'reportsS3Uri').describe('Where the monitoring schedules write their reports'),
  dataCapture: (z: Z) =>
    z.object({
      enable: z.boolean().optional().describe('Turn data capture on when the endpoint has none (updates the endpoint)'),
      destinationS3Uri: s3(z, 'dataCapture.destinationS3Uri').optional(),
      samplingPercentage: z.number().int().min(1).max(100).optional().describe('Default 100'),
    }).optional(),
  baseline: (z: Z) =>
    z.object({
      s3Uri: s3(z, 'baseline.s3Uri').optional().describe('Existing baseline: a prefix with statistics.json and constraints.json'),
      datasetS3Uri: s3(z, 'baseline.datasetS3Uri').optional().describe('Training data set to compute a baseline from'),
      datasetFormat: z.enum(['csv', 'csv-no-header', 'jsonl']).optional().describe('Default csv (with a header)'),
      outputS3Uri: s3(z, 'baseline.outputS3Uri').optional().describe('Where the baselining job writes its files'),
    }),
  scheduleExpression: (z: Z) => z.string().optional().describe('SageMaker cron; default cron(0 * ? * * *) (hourly)'),
  instanceType: (z: Z) => z.string().regex(/^ml\.[a-z0-9]+\.[a-z0-9]+$/, 'must be an ml.* instance type').optional().describe('Default ml.m5.xlarge'),
  namePrefix: (z: Z) => z.string().regex(NAME, 'letters, digits and hyphens, at most 63').optional().describe('Prefix of the schedule names (default: the endpoint name)'),
  modelQuality: (z: Z) =>
    z.object({
      problemType: z.enum(['BinaryClassification', 'MulticlassClassification', 'Regression']),
      groundTruthS3Uri: s3(z, 'modelQuality.groundTruthS3Uri'),
      inferenceAttribute: text(z, z.string().max(256)).optional(),
      probabilityAttribute: text(z, z.string().max(256)).optional(),
      probabilityThreshold: z.number().min(0).max(1).optional(),
      constraintsS3Uri: s3(z, 'modelQuality.constraintsS3Uri').optional().describe('Model-quality baseline constraints.json'),
    }).optional(),
  ...clarifyInputFields,
  athena: (z: Z) =>
    z.object({
      database: z.string().regex(SQL_IDENTIFIER, 'athena.database: lower-case letters, digits and _').optional(),
      table: z.string().regex(SQL_IDENTIFIER, 'athena.table: lower-case letters, digits and _').optional(),
      workGroup: z.string().regex(/^[a-zA-Z0-9._-]{1,128}$/, 'athena.workGroup: letters, digits, . _ -').optional(),
      outputLocation: s3(z, 'athena.outputLocation').optional(),
      region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'athena.region: an AWS region').optional(),
    }).optional(),
  alerting: (z: Z) =>
    z.object({
      email: z.string().max(254).regex(EMAIL, 'alerting.email: must be an e-mail address'),
      features: z.array(text(z, z.string().regex(FEATURE, 'alerting.features: letters, digits, _ . : -'))).max(50).optional(),
      threshold: z.number().min(0).optional().describe('Drift distance that raises the alarm; default 0.1'),
      evaluationPeriods: z.number().int().min(1).max(24).optional(),
      datapointsToAlarm: z.number().int().min(1).max(24).optional(),
    }).optional(),
  analyzerImageUri: (z: Z) => z.string().regex(IMAGE_URI, 'must be an ECR image URI').optional().describe('Default: the region\'s Model Monitor analyzer'),
  quickSightDashboardId: (z: Z) => text(z, z.string().regex(/^[\w-]{1,512}$/)).optional().describe('Existing QuickSight dashboard to embed'),
  modelCard: (z: Z) => text(z, z.string().regex(NAME)).optional().describe('SageMaker model card name'),
  riskRating: (z: Z) => z.enum(MODEL_RISK_RATINGS).optional(),
  entity: (z: Z) =>
    z.object({
      name: z.string().regex(ENTITY_NAME, 'letters, digits, - _ . (at most 63)').describe('Entity name of the model'),
      namespace: z.string().regex(ENTITY_NAME, 'letters, digits, - _ . (at most 63)').optional().describe('Default: default'),
      owner: z.string().min(1).describe('Owner entity ref, e.g. group:default/ml-platform'),
      title: text(z, z.string().max(200)).optional(),
      description: z.string().max(2000).optional(),
      system: z.string().min(1).optional(),
      lifecycle: z.string().min(1).optional().describe('Default production'),
    }).optional()
      .describe('The model\'s catalog entity: when given, the action puts it in the catalog (an onboarding record, no Git host)'),
  waitForEntitySeconds: (z: Z) => z.number().int().min(0).max(600).optional().describe('How long to wait for the entity in the catalog; default 120'),
  waitForEndpointMinutes: (z: Z) => z.number().int().min(0).max(120).optional().describe('Default 30'),
  waitForBaselineMinutes: (z: Z) => z.number().int().min(0).max(240).optional().describe('Default 60'),
};

const inputSchema = zv3.object({
  endpointArn: onboardingInputFields.endpointArn(zv3),
  roleArn: onboardingInputFields.roleArn(zv3),
  reportsS3Uri: onboardingInputFields.reportsS3Uri(zv3),
  dataCapture: onboardingInputFields.dataCapture(zv3),
  baseline: onboardingInputFields.baseline(zv3),
  scheduleExpression: onboardingInputFields.scheduleExpression(zv3),
  instanceType: onboardingInputFields.instanceType(zv3),
  namePrefix: onboardingInputFields.namePrefix(zv3),
  modelQuality: onboardingInputFields.modelQuality(zv3),
  clarifyImageUri: onboardingInputFields.clarifyImageUri(zv3),
  modelBias: onboardingInputFields.modelBias(zv3),
  modelExplainability: onboardingInputFields.modelExplainability(zv3),
  athena: onboardingInputFields.athena(zv3),
  alerting: onboardingInputFields.alerting(zv3),
  analyzerImageUri: onboardingInputFields.analyzerImageUri(zv3),
  quickSightDashboardId: onboardingInputFields.quickSightDashboardId(zv3),
  modelCard: onboardingInputFields.modelCard(zv3),
  riskRating: onboardingInputFields.riskRating(zv3),
  entity: onboardingInputFields.entity(zv3),
  waitForEntitySeconds: onboardingInputFields.waitForEntitySeconds(zv3),
  waitForEndpointMinutes: onboardingInputFields.waitForEndpointMinutes(zv3),
  waitForBaselineMinutes: onboardingInputFields.waitForBaselineMinutes(zv3),
});

export type OnboardingInput = zv3.infer<typeof inputSchema>;

export const DEFAULT_SCHEDULE = 'cron(0 * ? * * *)';

/**
 * Validates the inputs as the scaffolder would (the handler may be called directly) plus the
 * rules that span fields. Every error names the input field.
 */
export function parseOnboardingInput(raw: unknown): OnboardingInput {
  const parsed = inputSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join('.') || '(input)';
    // Messages of the s3/identifier rules already start with the field name.
    const message = issue.message.startsWith(`${field}:`) ? issue.message : `${field}: ${issue.message}`;
    throw new InputError(message);
  }
  const input = parsed.data;
  const { baseline } = input;
  if (Boolean(baseline.s3Uri) === Boolean(baseline.datasetS3Uri)) {
    throw new InputError('baseline: give either s3Uri (an existing baseline) or datasetS3Uri (compute one)');
  }
  if (baseline.datasetS3Uri && !baseline.outputS3Uri) {
    throw new InputError('baseline.outputS3Uri: required with baseline.datasetS3Uri');
  }
  if (input.scheduleExpression) {
    try {
      parseScheduleExpression(input.scheduleExpression);
    } catch (error) {
      throw new InputError(`scheduleExpression: ${(error as Error).message}`);
    }
  }
  const mq = input.modelQuality;
  if (mq && mq.problemType !== 'Regression' && !mq.inferenceAttribute && !mq.probabilityAttribute) {
    throw new InputError('modelQuality: give inferenceAttribute or probabilityAttribute for a classifier');
  }
  checkClarifyInput(input);
  const alerting = input.alerting;
  if (alerting?.datapointsToAlarm && alerting.datapointsToAlarm > (alerting.evaluationPeriods ?? 1)) {
    throw new InputError('alerting.datapointsToAlarm: must not exceed alerting.evaluationPeriods');
  }
  return input;
}
