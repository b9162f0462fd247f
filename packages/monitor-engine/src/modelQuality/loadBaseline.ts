import { openObjectStore } from '../storage/openObjectStore';
import { ObjectNotFoundError, ObjectStore } from '../storage/ObjectStore';
import { ModelQualityConstraints, parseModelQualityConstraints } from './modelQualityConstraints';

/**
 * The baseline constraints of a model-quality monitor: given directly, or read from
 * `constraints.json` in a folder (local path, file:// or s3:// location, or store) — the
 * output of `suggestModelQualityBaseline` or of a SageMaker baselining job.
 */
export async function loadModelQualityBaseline(
  baseline: ModelQualityConstraints | string | ObjectStore,
): Promise<ModelQualityConstraints> {
  if (typeof baseline === 'object' && 'problemType' in baseline) return baseline;
  const store = typeof baseline === 'string' ? openObjectStore(baseline) : baseline;
  const location = `${store.url.replace(/\/$/, '')}/constraints.json`;
  let text: string;
  try {
    text = (await store.get('constraints.json')).toString('utf8');
  } catch (error) {
    if (error instanceof ObjectNotFoundError) {
      throw new Error(`No baseline constraints at ${location}; run suggest-baseline model-quality first`);
    }
    throw error;
  }
  return parseModelQualityConstraints(text, location);
}
