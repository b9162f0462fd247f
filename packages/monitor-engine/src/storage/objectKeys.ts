/**
 * Validation shared by every ObjectStore: keys are '/'-separated paths relative to the store's
 * root. A key must never climb out of the root (`..`), be absolute, or smuggle in a Windows
 * separator, because a key can come from configuration or an annotation and the file store
 * turns it into a local path.
 */
export class InvalidObjectKeyError extends Error {
  constructor(readonly key: string, reason: string) {
    super(`Invalid object key ${JSON.stringify(key)}: ${reason}`);
    this.name = 'InvalidObjectKeyError';
  }
}

function checkSegments(key: string, allowTrailingSlash: boolean): void {
  if (key.startsWith('/')) {
    throw new InvalidObjectKeyError(key, 'keys are relative to the store root and must not start with "/"');
  }
  if (/^[A-Za-z]:/.test(key)) {
    throw new InvalidObjectKeyError(key, 'keys must not be absolute paths');
  }
  if (key.includes('\\')) {
    throw new InvalidObjectKeyError(key, 'keys use "/" as separator; "\\" is not allowed');
  }
  if (key.includes('\0')) {
    throw new InvalidObjectKeyError(key, 'keys must not contain NUL characters');
  }
  const segments = key.split('/');
  if (allowTrailingSlash && segments[segments.length - 1] === '') segments.pop();
  for (const segment of segments) {
    if (segment === '..' || segment === '.') {
      throw new InvalidObjectKeyError(key, `the path segment "${segment}" is not allowed`);
    }
    if (segment === '') {
      throw new InvalidObjectKeyError(key, 'empty path segments ("//") are not allowed');
    }
  }
}

/** Throws {@link InvalidObjectKeyError} unless `key` names an object inside the root. */
export function assertValidObjectKey(key: string): void {
  if (key.length === 0) throw new InvalidObjectKeyError(key, 'the key is empty');
  if (key.endsWith('/')) {
    throw new InvalidObjectKeyError(key, 'an object key must not end with "/"');
  }
  checkSegments(key, false);
}

/** Throws unless `prefix` is a valid listing prefix ('' lists the whole store). */
export function assertValidListPrefix(prefix: string): void {
  if (prefix === '') return;
  checkSegments(prefix, true);
}
