import { z } from 'zod';
import { toPythonJson } from './analysis/pythonJson';
import type { BiasDriftViolation } from './bias/biasDriftCheck';
import type { AttributionDriftViolation } from './attribution/attributionDriftCheck';

/**
 * constraint_violations.json of the Clarify monitors: `{"version": "1.0", "violations": [...]}`
 * with bias_drift_check entries (facet, facet_value, metric_name, constraint_check_type,
 * description) or feature_attribution_drift_check entries (label, metric_name,
 * constraint_check_type, description). Written in the Clarify container's Python JSON style.
 */
export type ClarifyViolation = BiasDriftViolation | AttributionDriftViolation;

export function writeClarifyConstraintViolations(violations: readonly ClarifyViolation[]): string {
  return toPythonJson({
    version: '1.0',
    violations: violations.map(v =>
      v.constraint_check_type === 'bias_drift_check'
        ? {
            facet: v.facet,
            facet_value: v.facet_value,
            metric_name: v.metric_name,
            constraint_check_type: v.constraint_check_type,
            description: v.description,
          }
        : {
            label: v.label,
            metric_name: v.metric_name,
            constraint_check_type: v.constraint_check_type,
            description: v.description,
          },
    ),
  });
}

const violationSchema = z.union([
  z.looseObject({
    facet: z.string(),
    facet_value: z.string(),
    metric_name: z.string(),
    constraint_check_type: z.literal('bias_drift_check'),
    description: z.string(),
  }),
  z.looseObject({
    label: z.string(),
    metric_name: z.string(),
    constraint_check_type: z.literal('feature_attribution_drift_check'),
    description: z.string(),
  }),
]);

export const clarifyConstraintViolationsSchema = z.looseObject({
  version: z.string(),
  violations: z.array(violationSchema),
});

export type ClarifyConstraintViolations = z.infer<typeof clarifyConstraintViolationsSchema>;

export function parseClarifyConstraintViolations(text: string, location: string): ClarifyConstraintViolations {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${location}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = clarifyConstraintViolationsSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${location}: field ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}
