import type { ClarifySettings } from '../service/clarifyInputs';

interface AnalysisConfigJson {
  headers?: unknown;
  label?: unknown;
  label_values_or_threshold?: unknown;
  facet?: Array<{ name_or_index?: unknown; value_or_threshold?: unknown }>;
}

/** A column named by name or by index into `headers`. */
function columnOf(value: unknown, headers: unknown): string | undefined {
  if (typeof value === 'number' && Array.isArray(headers) && typeof headers[value] === 'string') return headers[value];
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return undefined;
}

/** Values as Clarify writes them in analysis.json: joined with a comma. */
function valuesText(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.length ? value.map(String).join(',') : undefined;
  return value === undefined || value === null ? undefined : String(value);
}

/**
 * The facet and label of a Clarify job's analysis_config.json (the first facet: the monitors
 * show one). A numeric facet threshold gives no value: Clarify reports it as an interval whose
 * upper bound changes per window, so the recorded facet of that column is taken instead.
 */
export function settingsOfAnalysisConfig(text: string, location: string): ClarifySettings {
  let config: AnalysisConfigJson;
  try {
    config = JSON.parse(text) as AnalysisConfigJson;
  } catch (error) {
    throw new Error(`${location} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof config !== 'object' || config === null) throw new Error(`${location} is not a JSON object`);
  const facet = Array.isArray(config.facet) ? config.facet[0] : undefined;
  const facetColumn = columnOf(facet?.name_or_index, config.headers);
  const labelColumn = columnOf(config.label, config.headers);
  const facetValue = Array.isArray(facet?.value_or_threshold) ? valuesText(facet?.value_or_threshold) : undefined;
  return {
    ...(facetColumn ? { facet: { column: facetColumn, ...(facetValue !== undefined ? { value: facetValue } : {}) } } : {}),
    ...(labelColumn ? { label: { column: labelColumn, positive: valuesText(config.label_values_or_threshold) } } : {}),
  };
}
