import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ObjectNotFoundError, ObjectStore } from './ObjectStore';
import { FileObjectStore } from './FileObjectStore';
import { S3ObjectStore } from './S3ObjectStore';
import { InvalidObjectKeyError } from './objectKeys';
import { startTestS3Server, TestS3Server } from './testS3Server';

async function collect(iterable: AsyncIterable<{ key: string }>): Promise<string[]> {
  const keys: string[] = [];
  for await (const info of iterable) keys.push(info.key);
  return keys;
}

let s3: TestS3Server;
let tempRoot: string;
let counter = 0;

beforeAll(async () => {
  s3 = await startTestS3Server(['contract-bucket']);
  tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'mlmon-store-'));
});

afterAll(async () => {
  await s3.stop();
  fs.rmSync(tempRoot, { recursive: true, force: true });
});

// The same behaviour is required of every implementation: each test gets a fresh, empty store.
const implementations: Array<[string, () => ObjectStore]> = [
  ['FileObjectStore', () => new FileObjectStore(path.join(tempRoot, `store-${++counter}`))],
  [
    'S3ObjectStore',
    () =>
      new S3ObjectStore(`s3://contract-bucket/run-${++counter}/data`, {
        client: s3.client(),
        listPageSize: 3, // forces ListObjectsV2 pagination with a handful of keys
      }),
  ],
];

describe.each(implementations)('%s (ObjectStore contract)', (_name, createStore) => {
  let store: ObjectStore;
  beforeEach(() => {
    store = createStore();
  });

  it('round-trips bytes and strings', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    await store.put('a/b/bytes.bin', bytes);
    await store.put('a/text.jsonl', '{"é":1}\n');
    expect(await store.get('a/b/bytes.bin')).toEqual(bytes);
    expect((await store.get('a/text.jsonl')).toString('utf8')).toBe('{"é":1}\n');
  });

  it('replaces an object on a second put', async () => {
    await store.put('x.json', 'first');
    await store.put('x.json', 'second');
    expect((await store.get('x.json')).toString()).toBe('second');
  });

  it('throws ObjectNotFoundError for a missing key', async () => {
    await expect(store.get('missing/key.json')).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('reports existence and deletes idempotently', async () => {
    await store.put('e/one.txt', '1');
    expect(await store.exists('e/one.txt')).toBe(true);
    expect(await store.exists('e/two.txt')).toBe(false);
    await store.delete('e/one.txt');
    await store.delete('e/one.txt');
    expect(await store.exists('e/one.txt')).toBe(false);
  });

  it('lists by prefix in lexicographic key order, with sizes', async () => {
    const keys = ['ep/v/2026/11/20/10/b.jsonl', 'ep/v/2026/11/20/10/a.jsonl', 'ep/v/2026/11/20/11/c.jsonl',
      'ep/v/2026/11/20/1.jsonl', 'other/z.jsonl', 'ep/w.jsonl', 'ep/vx.jsonl'];
    for (const key of keys) await store.put(key, key);
    expect(await collect(store.list(''))).toEqual([...keys].sort());
    expect(await collect(store.list('ep/v/'))).toEqual([
      'ep/v/2026/11/20/1.jsonl',
      'ep/v/2026/11/20/10/a.jsonl',
      'ep/v/2026/11/20/10/b.jsonl',
      'ep/v/2026/11/20/11/c.jsonl',
    ]);
    // A prefix that ends mid-name matches files and folders alike, as in S3.
    expect(await collect(store.list('ep/v'))).toEqual([
      'ep/v/2026/11/20/1.jsonl',
      'ep/v/2026/11/20/10/a.jsonl',
      'ep/v/2026/11/20/10/b.jsonl',
      'ep/v/2026/11/20/11/c.jsonl',
      'ep/vx.jsonl',
    ]);
    const infos = [];
    for await (const info of store.list('ep/w')) infos.push(info);
    expect(infos).toHaveLength(1);
    expect(infos[0].size).toBe('ep/w.jsonl'.length);
    expect(infos[0].lastModified).toBeInstanceOf(Date);
    expect(await collect(store.list('nothing/here/'))).toEqual([]);
  });

  it.each(['../escape.txt', 'a/../../b', '/etc/passwd', 'a//b', 'a\\b', './a', 'dir/', ''])(
    'rejects the unsafe key %j',
    async key => {
      await expect(store.put(key, 'x')).rejects.toBeInstanceOf(InvalidObjectKeyError);
      await expect(store.get(key)).rejects.toBeInstanceOf(InvalidObjectKeyError);
    },
  );

  it('rejects listing prefixes that climb out of the root', async () => {
    await expect(collect(store.list('../'))).rejects.toThrow(/"\.\." is not allowed/);
  });
});
