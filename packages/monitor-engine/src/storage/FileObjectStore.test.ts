import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileObjectStore } from './FileObjectStore';

describe('FileObjectStore', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'mlmon-file-store-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('exposes a file:// URL and local paths inside the root', () => {
    const store = new FileObjectStore(root);
    expect(store.url).toBe(`file://${root}`);
    expect(store.localPath('a/b.jsonl')).toBe(path.join(root, 'a', 'b.jsonl'));
    expect(() => store.localPath('../b.jsonl')).toThrow(/Invalid object key "..\/b.jsonl"/);
  });

  // S3 orders keys by bytes: "v-2/…" (0x2D) before "v/…" (0x2F). A naive directory walk would
  // visit the folder "v" first. (s3rver itself gets this wrong, so it is tested here only.)
  it('lists in byte order even when a folder name is a prefix of a sibling', async () => {
    const store = new FileObjectStore(root);
    for (const key of ['v/2026/a.jsonl', 'v-2/x.jsonl', 'v.txt', 'v0']) await store.put(key, '1');
    const keys: string[] = [];
    for await (const info of store.list('v')) keys.push(info.key);
    expect(keys).toEqual(['v-2/x.jsonl', 'v.txt', 'v/2026/a.jsonl', 'v0']);
  });

  it('leaves no temporary files behind and never lists in-flight writes', async () => {
    const store = new FileObjectStore(root);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.put('hot/key.json', `v${i}`)));
    expect(fs.readdirSync(path.join(root, 'hot'))).toEqual(['key.json']);
    expect((await store.get('hot/key.json')).toString()).toMatch(/^v\d+$/);
    fs.writeFileSync(path.join(root, 'hot', '.mlmon-tmp-deadbeef'), 'partial');
    const keys: string[] = [];
    for await (const info of store.list('hot/')) keys.push(info.key);
    expect(keys).toEqual(['hot/key.json']);
  });
});
