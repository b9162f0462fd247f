import type { ProblemType } from '@mlmon/plugin-model-monitoring-common';

/** The metric groups of a model-quality statistics.json, by problem type. */
const SECTIONS: Array<[string, ProblemType]> = [
  ['binary_classification_metrics', 'BinaryClassification'],
  ['multiclass_classification_metrics', 'MulticlassClassification'],
  ['regression_metrics', 'Regression'],
];

/** What the quality card reads of a model-quality statistics.json (SageMaker's or the engine's). */
export interface ModelQualityStatistics {
  problemType: ProblemType;
  /** Scalar metrics: snake_case name → value (NaN, written as "NaN", is left out). */
  values: Record<string, number>;
  /** Classification: label → predicted → count. */
  confusionMatrix?: Record<string, Record<string, number>>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a model-quality statistics.json: the section present gives the problem type, each
 * `{ value, standard_deviation }` entry a scalar metric; curves are not scalars and are skipped.
 * Errors name the file.
 */
export function parseModelQualityStatistics(text: string, source: string): ModelQualityStatistics {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source} is not valid JSON: ${(error as Error).message}`);
  }
  const found = isRecord(json) ? SECTIONS.find(([key]) => isRecord(json[key])) : undefined;
  if (!found) {
    throw new Error(`${source} has none of ${SECTIONS.map(([key]) => key).join(', ')}: it is not a model-quality statistics.json`);
  }
  const section = (json as Record<string, Record<string, unknown>>)[found[0]];
  const values: Record<string, number> = {};
  for (const [metric, entry] of Object.entries(section)) {
    if (isRecord(entry) && typeof entry.value === 'number' && Number.isFinite(entry.value)) values[metric] = entry.value;
  }
  const matrix = section.confusion_matrix;
  return {
    problemType: found[1],
    values,
    confusionMatrix: isRecord(matrix) ? (matrix as Record<string, Record<string, number>>) : undefined,
  };
}
