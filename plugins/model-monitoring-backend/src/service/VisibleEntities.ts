import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createHash } from 'node:crypto';
import { TtlCache } from './TtlCache';

/** The monitored entities one caller may read. */
export interface VisibleSet {
  refs: ReadonlySet<string>;
  /**
   * Identifies the set's content (a hash of its sorted refs): two callers who may read the same
   * entities get the same id, so an answer computed from the set alone (an overview page) can
   * be shared between them, and never with a caller who may read anything else.
   */
  id: string;
}

/**
 * The monitored entities one caller may read, as the catalog answers with the caller's own
 * credentials. Asking the catalog per overview page view is the overview's dominant cost, so
 * the answer is kept briefly per caller.
 *
 * The catalog is asked by reference for the candidates (the entities that have a status
 * snapshot): a lookup by key, the catalog's cheapest query, which answers exactly which rows
 * of the overview the caller may see; the permission framework filters it as any catalog read.
 *
 * The cache key is the caller's identity (principal type, user or service subject, actor) *and*
 * a hash of the token the request carried: a new token (new sign-in, other ownership claims)
 * asks the catalog again, and an answer is never shared between callers. A revoked permission,
 * or a model that newly has a snapshot, takes effect after at most the time to live.
 * Concurrent misses of one caller share one catalog call.
 */
export class VisibleEntities {
  private readonly cache: TtlCache<VisibleSet>;

  constructor(private readonly catalog: CatalogService, private readonly ttlMs: number, maxCallers = 2000) {
    this.cache = new TtlCache<VisibleSet>(ttlMs, maxCallers);
  }

  /** Those of `candidates` (entity refs) the caller may read. */
  async among(
    credentials: BackstageCredentials,
    authorization: string | undefined,
    candidates: () => Promise<string[]>,
  ): Promise<VisibleSet> {
    const key = callerKey(credentials, authorization);
    if (this.ttlMs <= 0) return this.load(credentials, await candidates());
    return this.cache.getOrLoad(key, async () => this.load(credentials, await candidates()));
  }

  private async load(credentials: BackstageCredentials, candidates: string[]): Promise<VisibleSet> {
    if (!candidates.length) return visibleSet([]);
    // Only whether each entity is found matters: the smallest field keeps the answer small.
    const { items } = await this.catalog.getEntitiesByRefs({ entityRefs: candidates, fields: ['kind'] }, { credentials });
    return visibleSet(candidates.filter((_, i) => items[i] !== undefined && items[i] !== null));
  }
}

function visibleSet(refs: string[]): VisibleSet {
  const sorted = [...refs].sort();
  return { refs: new Set(sorted), id: createHash('sha256').update(sorted.join('\n')).digest('base64url') };
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
