import fs from 'node:fs/promises';
import path from 'node:path';
import type { ObjectStore } from '../storage/ObjectStore';

/** Where a job writes its files: a local folder, or a prefix in an ObjectStore (file:// or s3://). */
export type ReportOutput =
  | { dir: string }
  | { store: ObjectStore; prefix?: string };

/** Writes named files to the output; returns their locations (paths or URLs). */
export async function writeOutputFiles(
  output: ReportOutput,
  files: readonly (readonly [name: string, body: string])[],
): Promise<string[]> {
  if ('dir' in output) {
    await fs.mkdir(output.dir, { recursive: true });
    const paths = files.map(([name]) => path.join(output.dir, name));
    await Promise.all(files.map(([, body], i) => fs.writeFile(paths[i], body)));
    return paths;
  }
  const prefix = output.prefix ? `${output.prefix.replace(/\/+$/, '')}/` : '';
  const keys = files.map(([name]) => `${prefix}${name}`);
  await Promise.all(
    files.map(([, body], i) => output.store.put(keys[i], body)),
  );
  return keys.map(key => `${output.store.url.replace(/\/$/, '')}/${key}`);
}
