import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { ObjectInfo, ObjectNotFoundError, ObjectStore } from './ObjectStore';
import { assertValidListPrefix, assertValidObjectKey } from './objectKeys';

/** Temporary files of in-flight writes; listings skip them so readers never see partial objects. */
const TEMP_PREFIX = '.mlmon-tmp-';

function isNotFound(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** Key order by UTF-16 code units, not locale: S3's UTF-8 byte order except for U+E000–U+FFFF. */
function compareCodeUnits(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

/**
 * An ObjectStore over a local folder. Keys map to files under the root; writes go to a temporary
 * file in the destination folder and are renamed into place, which is atomic on one file system.
 */
export class FileObjectStore implements ObjectStore {
  readonly url: string;
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
    this.url = pathToFileURL(this.root).href;
  }

  localPath(key: string): string {
    assertValidObjectKey(key);
    return path.join(this.root, ...key.split('/'));
  }

  async get(key: string): Promise<Buffer> {
    const file = this.localPath(key);
    try {
      return await fs.promises.readFile(file);
    } catch (error) {
      if (isNotFound(error) || (error as NodeJS.ErrnoException).code === 'EISDIR') {
        throw new ObjectNotFoundError(file);
      }
      throw error;
    }
  }

  async put(key: string, body: Buffer | string): Promise<void> {
    const file = this.localPath(key);
    const dir = path.dirname(file);
    await fs.promises.mkdir(dir, { recursive: true });
    const temp = path.join(dir, `${TEMP_PREFIX}${randomBytes(8).toString('hex')}`);
    try {
      await fs.promises.writeFile(temp, body);
      await fs.promises.rename(temp, file);
    } catch (error) {
      await fs.promises.rm(temp, { force: true });
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      const stat = await fs.promises.stat(this.localPath(key));
      return stat.isFile();
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await fs.promises.rm(this.localPath(key), { force: true });
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    assertValidListPrefix(prefix);
    // Walk only the deepest folder the prefix fully names, not the whole root.
    const slash = prefix.lastIndexOf('/');
    const baseKey = slash >= 0 ? prefix.slice(0, slash + 1) : '';
    const baseDir = baseKey ? path.join(this.root, ...baseKey.split('/').filter(Boolean)) : this.root;
    yield* this.walk(baseDir, baseKey, prefix);
  }

  /**
   * Depth-first walk that yields keys in lexicographic order: a folder `a` sorts as `a/`, so that
   * `a-b` (0x2D) comes before `a/x` (0x2F) exactly as S3 orders keys.
   */
  private async *walk(dir: string, keyPrefix: string, filter: string): AsyncIterable<ObjectInfo> {
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (isNotFound(error)) return;
      throw error;
    }
    const sorted = entries
      .filter(entry => !entry.name.startsWith(TEMP_PREFIX))
      .map(entry => ({ entry, sortKey: entry.isDirectory() ? `${entry.name}/` : entry.name }))
      .sort((a, b) => compareCodeUnits(a.sortKey, b.sortKey));
    for (const { entry, sortKey } of sorted) {
      const key = keyPrefix + sortKey;
      if (entry.isDirectory()) {
        // Descend only where the folder can still hold keys that match the filter.
        if (key.startsWith(filter) || filter.startsWith(key)) {
          yield* this.walk(path.join(dir, entry.name), key, filter);
        }
      } else if (entry.isFile() && key.startsWith(filter)) {
        const stat = await fs.promises.stat(path.join(dir, entry.name)).catch(error => {
          if (isNotFound(error)) return undefined; // deleted while listing
          throw error;
        });
        // A Date built here (not fs.Stats.mtime) so callers in other realms (jest) see a plain Date.
        if (stat) yield { key, size: stat.size, lastModified: new Date(stat.mtimeMs) };
      }
    }
  }
}
