/**
 * One interface over the places where capture data, ground truth and reports live: a local
 * folder (`file://`) or an S3 bucket and prefix (`s3://`). Keys are always '/'-separated and
 * relative to the store's root, e.g. `my-endpoint/AllTraffic/2026/11/22/13/part-0.jsonl`.
 */
export interface ObjectStore {
  /** The root location, as a URL: `file:///abs/path` or `s3://bucket/prefix`. */
  readonly url: string;

  /** Reads a whole object; throws {@link ObjectNotFoundError} when it does not exist. */
  get(key: string): Promise<Buffer>;

  /** Writes (replaces) a whole object. Writes are atomic: readers never see a partial object. */
  put(key: string, body: Buffer | string): Promise<void>;

  /** Lists objects whose key starts with `prefix`, in lexicographic key order. */
  list(prefix: string): AsyncIterable<ObjectInfo>;

  /** True when the object exists. */
  exists(key: string): Promise<boolean>;

  /** Removes an object; removing a missing object is not an error. */
  delete(key: string): Promise<void>;

  /**
   * The absolute local file path of a key when the store is a local folder, so that an SQL
   * engine can scan the file in place; undefined for remote stores.
   */
  localPath(key: string): string | undefined;
}

/** One listed object. */
export interface ObjectInfo {
  key: string;
  size: number;
  lastModified: Date;
}

/** Thrown by {@link ObjectStore.get} for a key that does not exist. */
export class ObjectNotFoundError extends Error {
  constructor(readonly location: string) {
    super(`No object at ${location}`);
    this.name = 'ObjectNotFoundError';
  }
}
