import { InputError } from '@backstage/errors';
import { z as zv3 } from 'zod/v3';

type Z = typeof zv3;

const S3_URI =
  /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[A-Za-z0-9!_.*()=+-]+)*\/?$/;
const IMAGE_URI =
  /^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/[a-z0-9._/-]+(:[\w.-]+|@sha256:[a-f0-9]{64})?$/;
const HEADER = /^[^\s"',][^"',]{0,127}$/;
/** SageMaker Clarify's post-training bias metrics (methods.post_training_bias.methods). */
export const POST_TRAINING_BIAS_METRICS = [
  'DPPL',
  'DI',
  'DCA',
  'DCR',
  'RD',
  'DAR',
  'DRR',
  'AD',
  'CDDPL',
  'TE',
  'FT',
  'GE',
  'SD',
] as const;

/** Form values that are one JSON-parsed expression: "0" arrives as 0, text fields take it back as text. */
const text = <T extends zv3.ZodTypeAny>(z: Z, schema: T) =>
  z.preprocess(v => (typeof v === 'number' ? String(v) : v), schema);
const s3 = (z: Z, what: string) =>
  z.string().regex(S3_URI, `${what}: must be an s3://bucket/key location`);
const value = (z: Z) => z.union([z.string().min(1).max(256), z.number()]);
const attribute = (z: Z) => text(z, z.string().min(1).max(256)).optional();
/** Feature names in a payload's column order: no quotes or commas, which would shift the columns. */
const headers = (z: Z, what: string) =>
  z
    .array(
      text(
        z,
        z
          .string()
          .regex(HEADER, `${what}: a column name without quotes or commas`),
      ),
    )
    .max(1000);

/** The bias-drift (ModelBias) and feature-attribution-drift (ModelExplainability) inputs. */
export const clarifyInputFields = {
  clarifyImageUri: (z: Z) =>
    z
      .string()
      .regex(IMAGE_URI, 'must be an ECR image URI')
      .optional()
      .describe("Default: the region's SageMaker Clarify image"),
  modelBias: (z: Z) =>
    z
      .object({
        groundTruthS3Uri: s3(z, 'modelBias.groundTruthS3Uri').describe(
          'Where the ground-truth records arrive',
        ),
        label: text(z, z.string().min(1).max(256)).describe(
          'Name of the label (the ground truth) in the analysis',
        ),
        labelValuesOrThreshold: z
          .array(value(z))
          .min(1)
          .describe(
            'Positive label value(s), or [threshold] of a numeric label',
          ),
        facet: z.object({
          name: text(z, z.string().min(1).max(256)).describe(
            'Sensitive feature (header name or index)',
          ),
          valuesOrThreshold: z
            .array(value(z))
            .min(1)
            .optional()
            .describe(
              'Value(s) of the sensitive group, or [threshold]; default every value',
            ),
        }),
        headers: headers(z, 'modelBias.headers')
          .optional()
          .describe('Feature names in the order of the captured input'),
        probabilityThreshold: z
          .number()
          .min(0)
          .max(1)
          .optional()
          .describe(
            'A score above this is a positive prediction (Clarify default 0.5)',
          ),
        featuresAttribute: attribute(z),
        inferenceAttribute: attribute(z).describe(
          'Where the predicted label is in the captured output',
        ),
        probabilityAttribute: attribute(z).describe(
          'Where the score is in the captured output, e.g. 0',
        ),
        metrics: z
          .array(z.enum(POST_TRAINING_BIAS_METRICS))
          .min(1)
          .optional()
          .describe('Default all post-training metrics'),
        constraintsS3Uri: s3(z, 'modelBias.constraintsS3Uri')
          .optional()
          .describe('Baseline analysis.json (Clarify post-training bias)'),
      })
      .optional(),
  modelExplainability: (z: Z) =>
    z
      .object({
        headers: headers(z, 'modelExplainability.headers')
          .min(1)
          .describe('Feature names, in the order the model takes them'),
        shapBaselineS3Uri: s3(z, 'modelExplainability.shapBaselineS3Uri')
          .optional()
          .describe('CSV of SHAP baseline rows (no header)'),
        shapBaseline: z
          .array(z.array(value(z)).min(1))
          .min(1)
          .max(100)
          .optional()
          .describe('SHAP baseline rows, e.g. one row of the training means'),
        numSamples: z
          .number()
          .int()
          .min(1)
          .max(100_000)
          .optional()
          .describe('Kernel SHAP samples per row (default 100)'),
        useLogit: z.boolean().optional(),
        modelName: text(
          z,
          z
            .string()
            .regex(
              /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/,
              'modelExplainability.modelName: a SageMaker model name',
            ),
        )
          .optional()
          .describe(
            "Model Clarify explains on a shadow endpoint (default: the endpoint's model)",
          ),
        predictorInstanceType: z
          .string()
          .regex(/^ml\.[a-z0-9]+\.[a-z0-9]+$/, 'must be an ml.* instance type')
          .optional(),
        contentType: z.enum(['text/csv', 'application/jsonlines']).optional(),
        featuresAttribute: attribute(z),
        inferenceAttribute: attribute(z),
        probabilityAttribute: attribute(z).describe(
          'Where the score is in the model output, e.g. 0',
        ),
        labelHeaders: z
          .array(text(z, z.string().min(1).max(256)))
          .max(100)
          .optional(),
        constraintsS3Uri: s3(z, 'modelExplainability.constraintsS3Uri')
          .optional()
          .describe('Baseline analysis.json (Clarify explainability)'),
      })
      .optional(),
};

const schema = zv3.object({
  clarifyImageUri: clarifyInputFields.clarifyImageUri(zv3),
  modelBias: clarifyInputFields.modelBias(zv3),
  modelExplainability: clarifyInputFields.modelExplainability(zv3),
});

export type ClarifyInput = zv3.infer<typeof schema>;

/** The rules that span fields of the Clarify inputs; each error names the field. */
export function checkClarifyInput(input: ClarifyInput): void {
  const bias = input.modelBias;
  if (bias && !bias.inferenceAttribute && !bias.probabilityAttribute) {
    throw new InputError(
      'modelBias: give inferenceAttribute or probabilityAttribute (where the captured output holds the prediction)',
    );
  }
  const e = input.modelExplainability;
  if (!e) return;
  if (Boolean(e.shapBaselineS3Uri) === Boolean(e.shapBaseline)) {
    throw new InputError(
      'modelExplainability: give either shapBaselineS3Uri (a CSV of baseline rows) or shapBaseline (the rows)',
    );
  }
  const wrong =
    e.shapBaseline?.findIndex(row => row.length !== e.headers.length) ?? -1;
  if (wrong >= 0) {
    throw new InputError(
      `modelExplainability.shapBaseline.${wrong}: has ${
        e.shapBaseline![wrong].length
      } values for ${e.headers.length} headers`,
    );
  }
}
