import { z } from 'zod';
import { JacksonValue, jacksonStringify } from './jackson';
import { readJsonWithSchema, unknownEntries } from './jacksonReader';

/**
 * constraint_violations.json (reference section 3.2). Data-quality violations carry
 * `feature_name`; Clarify and model-quality violations carry `metric_name` (and facet fields),
 * so every field but the check type and description is optional here.
 */

/** The data-quality check types SageMaker documents. */
export const dataQualityCheckTypes = [
  'data_type_check',
  'completeness_check',
  'baseline_drift_check',
  'missing_column_check',
  'extra_column_check',
  'categorical_values_check',
] as const;
export type DataQualityCheckType = (typeof dataQualityCheckTypes)[number];

export const violationSchema = z.looseObject({
  feature_name: z.string().optional(),
  metric_name: z.string().optional(),
  constraint_check_type: z.string(),
  description: z.string(),
});

export const violationsSchema = z.looseObject({
  version: z.string().optional(),
  violations: z.array(violationSchema),
});

export type Violation = z.infer<typeof violationSchema>;
export type ConstraintViolations = z.infer<typeof violationsSchema>;

/** Reads constraint_violations.json; errors name `source` and the failing field. */
export function readViolations(
  text: string,
  source: string,
): ConstraintViolations {
  return readJsonWithSchema(violationsSchema, text, source);
}

/** Writes constraint_violations.json as the data-quality analyzer does (Jackson style). */
export function writeViolations(violations: ConstraintViolations): string {
  return jacksonStringify({
    version: violations.version,
    violations: violations.violations.map(
      v =>
        ({
          feature_name: v.feature_name,
          metric_name: v.metric_name,
          constraint_check_type: v.constraint_check_type,
          description: v.description,
          ...unknownEntries(v, [
            'feature_name',
            'metric_name',
            'constraint_check_type',
            'description',
          ]),
        } as JacksonValue),
    ),
    ...(unknownEntries(violations, ['version', 'violations']) as Record<
      string,
      JacksonValue
    >),
  });
}

/**
 * Extracts the drift distance and threshold from a baseline_drift_check description, in
 * today's wording ("Baseline drift distance: D exceeds threshold: T") and the 2019 one
 * ("Numerical distance: D exceeds numerical threshold: T").
 */
export function parseDriftDescription(
  description: string,
): { distance: number; threshold: number } | undefined {
  const match = /distance: (\S+) exceeds (?:numerical )?threshold: (\S+)/.exec(
    description,
  );
  if (!match) return undefined;
  return { distance: Number(match[1]), threshold: Number(match[2]) };
}
