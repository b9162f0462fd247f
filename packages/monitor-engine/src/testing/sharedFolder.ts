import path from 'node:path';
import fs from 'node:fs';

/**
 * The `shared/` folder that sits beside a development checkout and CI's clone: real SageMaker
 * files and public data sets used by golden tests. It is never needed at run time.
 */
export function sharedFolder(...parts: string[]): string {
  // Test-only helper, never part of a build, so __dirname is the source folder here.
  // eslint-disable-next-line no-restricted-syntax
  const root = path.resolve(__dirname, '../../../../../shared');
  if (!fs.existsSync(root)) {
    throw new Error(
      `The shared folder was not found at ${root}; golden tests need it beside the checkout`,
    );
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
