import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ObjectInfo, ObjectStore } from '../storage/ObjectStore';

/**
 * Local files for objects the SQL engine must scan. A local store's files are scanned in
 * place; remote objects (S3) are copied one at a time into a private temporary folder, which
 * {@link StagedFiles.dispose} removes. DuckDB cannot read S3 itself here (no httpfs offline).
 */
export class StagedFiles {
  private tempDir: string | undefined;
  /** Local path → the object's URL, so errors name the object, not the temp copy. */
  private readonly origins = new Map<string, string>();

  async stage(store: ObjectStore, objects: AsyncIterable<ObjectInfo>): Promise<string[]> {
    const paths: string[] = [];
    for await (const object of objects) {
      let local = store.localPath(object.key);
      if (local === undefined) {
        this.tempDir ??= await fs.promises.mkdtemp(path.join(os.tmpdir(), 'mlmon-mq-'));
        local = path.join(this.tempDir, `${this.origins.size}-${path.basename(object.key)}`);
        await fs.promises.writeFile(local, await store.get(object.key));
      }
      this.origins.set(local, `${store.url.replace(/\/$/, '')}/${object.key}`);
      paths.push(local);
    }
    return paths;
  }

  /** The store URL of a staged file (for messages). */
  originOf(localPath: string): string {
    return this.origins.get(localPath) ?? localPath;
  }

  async dispose(): Promise<void> {
    if (this.tempDir) await fs.promises.rm(this.tempDir, { recursive: true, force: true });
    this.tempDir = undefined;
  }
}
