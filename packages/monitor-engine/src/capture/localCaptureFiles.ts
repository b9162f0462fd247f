import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ObjectStore } from '../storage/ObjectStore';
import { CaptureWindowQuery, listCaptureObjects } from '../storage/layout';
import type { CaptureFile } from './captureWindowTable';

/** The capture files of a window as local files, and how to clean up the downloaded ones. */
export interface LocalCaptureFiles {
  files: CaptureFile[];
  cleanup(): Promise<void>;
}

/**
 * Lists the window's capture objects (whole hour folders, as SageMaker does) and makes them
 * readable by DuckDB: local stores are scanned in place; remote stores (S3) are downloaded to a
 * temporary folder first, since DuckDB's httpfs is not available offline.
 */
export async function localCaptureFiles(
  store: ObjectStore,
  query: CaptureWindowQuery,
): Promise<LocalCaptureFiles> {
  const keys: string[] = [];
  for await (const object of listCaptureObjects(store, query)) {
    if (object.key.endsWith('.jsonl') || object.key.endsWith('.json'))
      keys.push(object.key);
  }
  const name = (key: string) => `${store.url.replace(/\/$/, '')}/${key}`;
  const local = keys.map(key => store.localPath(key));
  if (local.every((p): p is string => p !== undefined)) {
    return {
      files: keys.map((key, i) => ({
        path: local[i] as string,
        name: name(key),
      })),
      cleanup: async () => {},
    };
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mlmon-capture-'));
  try {
    const files: CaptureFile[] = [];
    for (const [index, key] of keys.entries()) {
      const file = path.join(dir, `${String(index).padStart(6, '0')}.jsonl`);
      await fs.writeFile(file, await store.get(key));
      files.push({ path: file, name: name(key) });
    }
    return {
      files,
      cleanup: () => fs.rm(dir, { recursive: true, force: true }),
    };
  } catch (error) {
    await fs.rm(dir, { recursive: true, force: true });
    throw error;
  }
}
