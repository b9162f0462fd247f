import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ObjectStore } from './ObjectStore';
import { FileObjectStore } from './FileObjectStore';
import { S3ObjectStore, S3ObjectStoreOptions } from './S3ObjectStore';

/** Options for {@link openObjectStore}; `s3` applies only to `s3://` locations. */
export interface OpenObjectStoreOptions {
  s3?: S3ObjectStoreOptions;
}

/**
 * Opens the store for a location: `file:///abs/path`, `s3://bucket/prefix`, or a plain local
 * path (absolute or relative to the working directory), which CLI users type most often.
 */
export function openObjectStore(location: string, options: OpenObjectStoreOptions = {}): ObjectStore {
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(location)?.[1]?.toLowerCase();
  if (scheme === 's3') return new S3ObjectStore(location, options.s3);
  if (scheme === 'file') return new FileObjectStore(fileURLToPath(location));
  if (scheme !== undefined) {
    throw new Error(
      `Unsupported storage location ${JSON.stringify(location)}: use file://, s3:// or a local path`,
    );
  }
  if (location.trim() === '') throw new Error('The storage location is empty');
  return new FileObjectStore(path.resolve(location));
}
