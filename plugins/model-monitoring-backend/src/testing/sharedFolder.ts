import { resolvePackagePath } from '@backstage/backend-plugin-api';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The `shared/` folder beside the checkout (real SageMaker files, public data sets), for tests
 * only. Found from this package's own folder, as the engine's helper of the same name does.
 */
export function sharedFolder(...parts: string[]): string {
  const root = path.resolve(resolvePackagePath('@mlmon/plugin-model-monitoring-backend'), '../../../shared');
  if (!fs.existsSync(root)) {
    throw new Error(`The shared folder was not found at ${root}; golden tests need it beside the checkout`);
  }
  return path.join(root, ...parts);
}

/** A file under `shared/sagemaker-samples/`. */
export function sagemakerSample(relativePath: string): string {
  return sharedFolder('sagemaker-samples', relativePath);
}

/** A file under `shared/datasets/`. */
export function sharedDataset(fileName: string): string {
  return sharedFolder('datasets', fileName);
}
