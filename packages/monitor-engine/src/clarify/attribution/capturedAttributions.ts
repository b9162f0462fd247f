import { LocalAttributions, AttributionOutputSpace } from './explainer';

/**
 * Attributions the model already returned with each prediction (carried in the captured
 * output), e.g. `{"score": 0.8, "attributions": {"age": 0.1, "hours": -0.02}}`. Each record
 * gives one value per feature; a missing feature is an error naming the record, never a 0.
 */
export function capturedAttributions(
  records: ReadonlyArray<Readonly<Record<string, unknown>>>,
  featureNames: readonly string[],
  options: { outputSpace?: AttributionOutputSpace; source?: string } = {},
): LocalAttributions {
  const values = records.map((record, r) =>
    featureNames.map(name => {
      const v = record[name];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new Error(
          `${options.source ?? 'captured attributions'}, record ${r + 1}: field ${name}: expected a number, got ${JSON.stringify(v)}`,
        );
      }
      return v;
    }),
  );
  return {
    featureNames,
    values,
    outputSpace: options.outputSpace ?? 'model-output',
    method: 'captured',
  };
}
