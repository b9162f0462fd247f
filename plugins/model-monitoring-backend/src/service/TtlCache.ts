/**
 * A small in-memory cache with a time to live and a size bound. Routes consult it only after
 * the caller was authorized for the entity, so a cached answer never bypasses permissions.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();
  private readonly loading = new Map<string, Promise<V>>();

  constructor(private readonly ttlMs: number, private readonly maxEntries = 5000) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires < Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: V): void {
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { value, expires: Date.now() + this.ttlMs });
  }

  /**
   * The cached value, else the value `load` gives, cached. Concurrent misses of one key share
   * one load; a failed load is not cached.
   */
  async getOrLoad(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    const running = this.loading.get(key);
    if (running) return running;
    const started: Promise<V> = load().then(
      value => {
        // Invalidated meanwhile (the entry is gone from `loading`): answer, but do not keep.
        if (this.loading.get(key) === started) {
          this.loading.delete(key);
          this.set(key, value);
        }
        return value;
      },
      error => {
        if (this.loading.get(key) === started) this.loading.delete(key);
        throw error;
      },
    );
    this.loading.set(key, started);
    return started;
  }

  /** Drops every entry of one entity (after a new execution). */
  invalidatePrefix(prefix: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
    // A load that started before the change must not put its older answer back.
    for (const key of this.loading.keys()) if (key.startsWith(prefix)) this.loading.delete(key);
  }
}
