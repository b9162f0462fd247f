import { TtlCache } from './TtlCache';

describe('TtlCache.getOrLoad', () => {
  it('loads once for concurrent misses of one key and answers later calls from the cache', async () => {
    const cache = new TtlCache<string>(60_000);
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise(resolve => setTimeout(resolve, 10));
      return `answer ${loads}`;
    };
    const answers = await Promise.all([cache.getOrLoad('k', load), cache.getOrLoad('k', load), cache.getOrLoad('k', load)]);
    expect(answers).toEqual(['answer 1', 'answer 1', 'answer 1']);
    await expect(cache.getOrLoad('k', load)).resolves.toBe('answer 1');
    expect(loads).toBe(1);
  });

  it('does not keep a failed load', async () => {
    const cache = new TtlCache<string>(60_000);
    await expect(cache.getOrLoad('k', async () => Promise.reject(new Error('database gone')))).rejects.toThrow('database gone');
    await expect(cache.getOrLoad('k', async () => 'fresh')).resolves.toBe('fresh');
  });

  it('does not put back an answer whose load started before the entity was invalidated', async () => {
    const cache = new TtlCache<string>(60_000);
    let release: (value: string) => void = () => undefined;
    const stale = cache.getOrLoad('entity\u0000drift', () => new Promise<string>(resolve => (release = resolve)));
    cache.invalidatePrefix('entity\u0000');
    release('before the new execution');
    await expect(stale).resolves.toBe('before the new execution');
    await expect(cache.getOrLoad('entity\u0000drift', async () => 'after the new execution')).resolves.toBe('after the new execution');
  });
});
