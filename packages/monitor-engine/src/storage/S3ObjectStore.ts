import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ClientConfig,
} from '@aws-sdk/client-s3';
import { ObjectInfo, ObjectNotFoundError, ObjectStore } from './ObjectStore';
import { assertValidListPrefix, assertValidObjectKey } from './objectKeys';

/** How to reach S3: pass a ready client (tests, shared credentials) or a client configuration. */
export interface S3ObjectStoreOptions {
  client?: S3Client;
  clientConfig?: S3ClientConfig;
  /** Keys per ListObjectsV2 page (S3's maximum and default is 1000). */
  listPageSize?: number;
}

function httpStatus(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata
    ?.httpStatusCode;
}

function isMissing(error: unknown): boolean {
  const name = (error as { name?: string } | undefined)?.name;
  return name === 'NoSuchKey' || name === 'NotFound' || httpStatus(error) === 404;
}

/** Splits `s3://bucket/some/prefix` into its bucket and a prefix that is empty or ends in '/'. */
export function parseS3Url(url: string): { bucket: string; prefix: string } {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(url);
  if (!match) {
    throw new Error(`Not an S3 URL: ${JSON.stringify(url)} (expected s3://bucket/prefix)`);
  }
  const bucket = match[1];
  let prefix = match[2];
  if (prefix !== '') {
    assertValidListPrefix(prefix);
    if (!prefix.endsWith('/')) prefix += '/';
  }
  return { bucket, prefix };
}

/**
 * An ObjectStore over an S3 bucket and prefix. S3's PutObject is atomic by itself (an object is
 * visible whole or not at all), so writes need no temporary objects.
 */
export class S3ObjectStore implements ObjectStore {
  readonly url: string;
  readonly bucket: string;
  readonly prefix: string;
  private readonly client: S3Client;
  private readonly listPageSize: number | undefined;

  constructor(url: string, options: S3ObjectStoreOptions = {}) {
    const { bucket, prefix } = parseS3Url(url);
    this.bucket = bucket;
    this.prefix = prefix;
    this.url = `s3://${bucket}/${prefix}`;
    this.client = options.client ?? new S3Client(options.clientConfig ?? {});
    this.listPageSize = options.listPageSize;
  }

  localPath(): undefined {
    return undefined;
  }

  private fullKey(key: string): string {
    assertValidObjectKey(key);
    return this.prefix + key;
  }

  async get(key: string): Promise<Buffer> {
    const Key = this.fullKey(key);
    try {
      const response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key }));
      if (!response.Body) return Buffer.alloc(0);
      return Buffer.from(await response.Body.transformToByteArray());
    } catch (error) {
      if (isMissing(error)) throw new ObjectNotFoundError(`s3://${this.bucket}/${Key}`);
      throw error;
    }
  }

  async put(key: string, body: Buffer | string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: this.fullKey(key), Body: body }),
    );
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.fullKey(key) }));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    // S3 answers 204 for a missing key too, which matches the interface's contract.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.fullKey(key) }));
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    assertValidListPrefix(prefix);
    let ContinuationToken: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: this.prefix + prefix,
          ContinuationToken,
          MaxKeys: this.listPageSize,
        }),
      );
      for (const object of page.Contents ?? []) {
        if (object.Key === undefined) continue;
        yield {
          key: object.Key.slice(this.prefix.length),
          size: object.Size ?? 0,
          lastModified: object.LastModified ?? new Date(0),
        };
      }
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
  }
}
