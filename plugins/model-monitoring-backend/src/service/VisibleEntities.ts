import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { ANNOTATION_ENDPOINT } from '@mlmon/plugin-model-monitoring-common';
import { createHash } from 'node:crypto';
import { TtlCache } from './TtlCache';

/**
 * The monitored entities one caller may read, as the catalog answers with the caller's own
 * credentials. Listing every annotated entity per overview page view is the overview's
 * dominant cost, so the answer is kept briefly per caller.
 *
 * The cache key is the caller's identity (principal type, user or service subject, actor) *and*
 * a hash of the token the request carried: a new token (new sign-in, other ownership claims)
 * asks the catalog again, and an answer is never shared between callers. A revoked permission
 * takes effect after at most the time to live. Concurrent misses of one caller share one
 * catalog call.
 */
export class VisibleEntities {
  private readonly cache: TtlCache<string[]>;
  private readonly pending = new Map<string, Promise<string[]>>();

  constructor(private readonly catalog: CatalogService, private readonly ttlMs: number, maxCallers = 2000) {
    this.cache = new TtlCache<string[]>(ttlMs, maxCallers);
  }

  /** Entity refs of the monitored entities the caller may read, sorted. */
  async refs(credentials: BackstageCredentials, authorization: string | undefined): Promise<string[]> {
    const key = callerKey(credentials, authorization);
    const hit = this.cache.get(key);
    if (hit) return hit;
    const running = this.pending.get(key);
    if (running) return running;
    const loading = this.load(credentials).then(
      refs => {
        if (this.ttlMs > 0) this.cache.set(key, refs);
        this.pending.delete(key);
        return refs;
      },
      error => {
        // A failed catalog call is not remembered: the next page view asks again.
        this.pending.delete(key);
        throw error;
      },
    );
    this.pending.set(key, loading);
    return loading;
  }

  private async load(credentials: BackstageCredentials): Promise<string[]> {
    const { items } = await this.catalog.getEntities(
      {
        filter: { [`metadata.annotations.${ANNOTATION_ENDPOINT}`]: CATALOG_FILTER_EXISTS },
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials },
    );
    return items.map(e => stringifyEntityRef(e)).sort();
  }
}

/** Who is asking, as precisely as the request tells: never shared between two callers. */
export function callerKey(credentials: BackstageCredentials, authorization: string | undefined): string {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
    actor?: { subject?: string };
  };
  const who = principal.userEntityRef ?? principal.subject ?? '';
  const token = createHash('sha256').update(authorization ?? '').digest('base64url');
  return [principal.type ?? 'unknown', who, principal.actor?.subject ?? '', token].join('\u0000');
}
