import { z } from 'zod';
import { jsonErrorLine } from './jsonErrorLine';

/**
 * Clarify's analysis.json, for both bias (pre/post-training metrics) and explainability
 * (kernel SHAP global values). The same file is a monitor's baseline ("constraints") and a
 * monitoring execution's result. Unknown keys are tolerated so newer Clarify versions parse.
 */

/** A metric value: a number, null (with "error"), or ±Infinity written as a string. */
export const clarifyMetricValueSchema = z.union([
  z.number(),
  z.literal('Infinity'),
  z.literal('-Infinity'),
  z.literal('NaN'),
  z.null(),
]);

export const clarifyBiasMetricSchema = z.looseObject({
  name: z.string(),
  description: z.string(),
  value: clarifyMetricValueSchema,
  error: z.string().optional(),
});

export const clarifyFacetReportSchema = z.looseObject({
  value_or_threshold: z.string(),
  metrics: z.array(clarifyBiasMetricSchema),
});

export const clarifyBiasSectionSchema = z.looseObject({
  label: z.string(),
  facets: z.record(z.string(), z.array(clarifyFacetReportSchema)),
  label_value_or_threshold: z.string(),
});

export const clarifyShapLabelSchema = z.looseObject({
  global_shap_values: z.record(z.string(), z.number()),
  expected_value: z.number().optional(),
});

export const clarifyExplanationsSchema = z.looseObject({
  kernel_shap: z.record(z.string(), clarifyShapLabelSchema).optional(),
});

export const clarifyAnalysisSchema = z.looseObject({
  version: z.string(),
  post_training_bias_metrics: clarifyBiasSectionSchema.optional(),
  pre_training_bias_metrics: clarifyBiasSectionSchema.optional(),
  explanations: clarifyExplanationsSchema.optional(),
});

export type ClarifyMetricValue = z.infer<typeof clarifyMetricValueSchema>;
export type ClarifyBiasMetric = z.infer<typeof clarifyBiasMetricSchema>;
export type ClarifyFacetReport = z.infer<typeof clarifyFacetReportSchema>;
export type ClarifyBiasSection = z.infer<typeof clarifyBiasSectionSchema>;
export type ClarifyShapLabel = z.infer<typeof clarifyShapLabelSchema>;
export type ClarifyAnalysis = z.infer<typeof clarifyAnalysisSchema>;

/** Turns the JSON value of a metric into a number (±Infinity, NaN) or null. */
export function metricValueAsNumber(value: ClarifyMetricValue): number | null {
  if (value === null) return null;
  if (value === 'Infinity') return Infinity;
  if (value === '-Infinity') return -Infinity;
  if (value === 'NaN') return NaN;
  return value;
}

/** Thrown for an analysis.json that is not valid JSON or does not match the schema. */
export class ClarifyAnalysisParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClarifyAnalysisParseError';
  }
}

/**
 * Parses analysis.json text. Errors name the file, the line (for JSON syntax errors) and the
 * field path (for schema errors).
 */
export function parseClarifyAnalysis(text: string, location: string): ClarifyAnalysis {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const line = jsonErrorLine(text);
    throw new ClarifyAnalysisParseError(
      `${location}${line ? `, line ${line}` : ''}: not valid JSON (${message})`,
    );
  }
  const parsed = clarifyAnalysisSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    throw new ClarifyAnalysisParseError(
      `${location}: field ${field}: ${issue.message}`,
    );
  }
  return parsed.data;
}
