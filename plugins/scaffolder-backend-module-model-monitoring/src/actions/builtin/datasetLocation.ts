import { InputError } from '@backstage/errors';
import { openObjectStore } from '@mlmon/monitor-engine';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** A location as a URL without a trailing slash; plain paths resolve from `baseDir`. */
export function toLocationUrl(location: string, baseDir = process.cwd()): string {
  const trimmed = location.trim().replace(/\/+$/, '');
  if (/^(s3|file):\/\//i.test(trimmed)) return trimmed;
  return pathToFileURL(path.resolve(baseDir, trimmed)).href.replace(/\/+$/, '');
}

const isUnder = (url: string, prefix: string) => url === prefix || url.startsWith(`${prefix}/`);

/**
 * Resolves the data set a template names to a local file the engine can scan. Relative paths
 * are tried in the task's workspace first, then from the backend's working directory. Only
 * allowed locations are read (the task workspace, the data root, configured locations), so a
 * template cannot make the backend read arbitrary files. S3 objects are copied to a temporary
 * file; `cleanup` removes it.
 */
export async function resolveDataset(
  location: string,
  field: string,
  options: { workspacePath: string; allowedPrefixes: string[] },
): Promise<{ url: string; localPath: string; cleanup: () => void }> {
  if (location.split(/[\\/]/).includes('..') && /^(s3|file):\/\//i.test(location)) {
    throw new InputError(`${field}: must not contain ".."`);
  }
  const inWorkspace = !/^(s3|file):\/\//i.test(location) && !path.isAbsolute(location)
    ? path.resolve(options.workspacePath, location)
    : undefined;
  const workspaceUrl = toLocationUrl(options.workspacePath);
  const url = inWorkspace && fs.existsSync(inWorkspace) ? toLocationUrl(inWorkspace) : toLocationUrl(location);
  const allowed = [workspaceUrl, ...options.allowedPrefixes];
  if (!allowed.some(prefix => isUnder(url, prefix))) {
    throw new InputError(
      `${field}: ${url} is outside the locations data sets may be read from (${options.allowedPrefixes.join(', ')}, or the task workspace)`,
    );
  }
  if (url.startsWith('file://')) {
    const localPath = fileURLToPath(url);
    if (!fs.existsSync(localPath) || !fs.statSync(localPath).isFile()) {
      throw new InputError(`${field}: no file at ${localPath}`);
    }
    return { url, localPath, cleanup: () => {} };
  }
  const slash = url.lastIndexOf('/');
  const store = openObjectStore(url.slice(0, slash));
  const key = url.slice(slash + 1);
  if (!(await store.exists(key))) throw new InputError(`${field}: no object at ${url}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlmon-onboard-'));
  const localPath = path.join(dir, key);
  fs.writeFileSync(localPath, await store.get(key));
  return { url, localPath, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
