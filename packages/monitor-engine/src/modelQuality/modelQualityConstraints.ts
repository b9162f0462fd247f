import { z } from 'zod';
import { ModelQualityMetrics } from './computeMetrics';
import { JacksonValue, jacksonStringify, jdouble } from '../formats/jackson';
import {
  COMPARISON_OPERATORS,
  ComparisonOperator,
  constraintsSectionKey,
  PROBLEM_TYPES,
  ProblemType,
  suggestedConstraintOperators,
} from './problemType';

export interface MetricConstraint {
  /** snake_case name as in statistics.json. */
  metric: string;
  threshold: number;
  comparisonOperator: ComparisonOperator;
}

export interface ModelQualityConstraints {
  problemType: ProblemType;
  constraints: MetricConstraint[];
}

/** SageMaker's suggestion: the baseline value of each metric becomes its threshold. */
export function suggestModelQualityConstraints(
  metrics: ModelQualityMetrics,
): ModelQualityConstraints {
  return {
    problemType: metrics.problemType,
    constraints: suggestedConstraintOperators(metrics.problemType).map(
      ([metric, comparisonOperator]) => ({
        metric,
        threshold: metrics.values.get(metric)?.value ?? NaN,
        comparisonOperator,
      }),
    ),
  };
}

export function modelQualityConstraintsJson(constraints: ModelQualityConstraints): string {
  const section = new Map<string, JacksonValue>();
  for (const c of constraints.constraints) {
    section.set(c.metric, { threshold: jdouble(c.threshold), comparison_operator: c.comparisonOperator });
  }
  return jacksonStringify({
    version: jdouble(0),
    [constraintsSectionKey(constraints.problemType)]: section,
  });
}

/** Jackson writes non-finite doubles as strings; accept them back. */
const javaDouble = z.union([
  z.number(),
  z.enum(['NaN', 'Infinity', '-Infinity']).transform(text => Number(text)),
]);

const constraintSchema = z.object({
  threshold: javaDouble,
  comparison_operator: z.enum(COMPARISON_OPERATORS),
});

const sectionSchema = z.record(z.string(), constraintSchema);

const constraintsFileSchema = z.object({
  version: z.number().optional(),
  regression_constraints: sectionSchema.optional(),
  binary_classification_constraints: sectionSchema.optional(),
  multiclass_classification_constraints: sectionSchema.optional(),
});

/**
 * Reads a model-quality constraints.json (ours or SageMaker's). The problem type follows from
 * the section present; errors name the file and the field.
 */
export function parseModelQualityConstraints(
  text: string,
  source: string,
): ModelQualityConstraints {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = constraintsFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${source}: field '${issue.path.join('.')}': ${issue.message}`);
  }
  const present = PROBLEM_TYPES.filter(type => {
    const key = constraintsSectionKey(type) as keyof typeof parsed.data;
    return parsed.data[key] !== undefined;
  });
  if (present.length !== 1) {
    throw new Error(
      `${source}: expected exactly one of regression_constraints, binary_classification_constraints, multiclass_classification_constraints; found ${present.length}`,
    );
  }
  const problemType = present[0];
  const section = parsed.data[
    constraintsSectionKey(problemType) as keyof typeof parsed.data
  ] as z.infer<typeof sectionSchema>;
  return {
    problemType,
    constraints: Object.entries(section).map(([metric, c]) => ({
      metric,
      threshold: c.threshold,
      comparisonOperator: c.comparison_operator,
    })),
  };
}
