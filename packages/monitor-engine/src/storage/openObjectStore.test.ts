import path from 'node:path';
import { openObjectStore } from './openObjectStore';
import { FileObjectStore } from './FileObjectStore';
import { S3ObjectStore } from './S3ObjectStore';

describe('openObjectStore', () => {
  it('opens file:// URLs and plain paths as local folders', () => {
    const fromUrl = openObjectStore('file:///tmp/mlmon-data');
    expect(fromUrl).toBeInstanceOf(FileObjectStore);
    expect(fromUrl.localPath('a/b')).toBe('/tmp/mlmon-data/a/b');
    const relative = openObjectStore('some/dir');
    expect(relative.localPath('x')).toBe(path.resolve('some/dir', 'x'));
  });

  it('opens s3:// URLs with a bucket and a normalised prefix', () => {
    const store = openObjectStore('s3://my-bucket/capture/data', {
      s3: { clientConfig: { region: 'eu-west-1' } },
    }) as S3ObjectStore;
    expect(store).toBeInstanceOf(S3ObjectStore);
    expect(store.bucket).toBe('my-bucket');
    expect(store.prefix).toBe('capture/data/');
    expect(store.url).toBe('s3://my-bucket/capture/data/');
    expect(store.localPath()).toBeUndefined();
    expect((openObjectStore('s3://b') as S3ObjectStore).prefix).toBe('');
  });

  it('rejects unknown schemes and unsafe S3 prefixes', () => {
    expect(() => openObjectStore('gs://bucket/x')).toThrow(/Unsupported storage location "gs:\/\/bucket\/x"/);
    expect(() => openObjectStore('s3://bucket/../x')).toThrow(/"\.\." is not allowed/);
    expect(() => openObjectStore('')).toThrow(/empty/);
  });
});
