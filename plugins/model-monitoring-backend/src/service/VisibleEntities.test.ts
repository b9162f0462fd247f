import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { VisibleEntities, callerKey } from './VisibleEntities';

const entity = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations: { 'mlmon.dev/endpoint': name } },
  spec: { type: 'ml-model', owner, lifecycle: 'production' },
});
// Readable by team A, but has no status snapshot: never listed.
const unmonitored: Entity = { ...entity('a-website', 'team-a'), metadata: { name: 'a-website', namespace: 'default' } };
// The candidates: entities with a status snapshot (one is gone from the catalog meanwhile).
const snapshotRefs = async () => ['component:default/a-1', 'component:default/a-2', 'component:default/a-gone', 'component:default/b-1'];

const userOf = (c: BackstageCredentials) => (c.principal as { userEntityRef?: string }).userEntityRef;

/** A catalog that lets each user read only their team's entities (`team-a` reads `a-*`), and counts its calls. */
function teamCatalog(entities: Entity[]) {
  const inner = catalogServiceMock({ entities });
  const calls: string[] = [];
  let failNext = false;
  const catalog = Object.create(inner) as CatalogService;
  catalog.getEntitiesByRefs = async (request, options) => {
    calls.push(userOf(options.credentials) ?? 'none');
    if (failNext) {
      failNext = false;
      throw new Error('catalog unavailable');
    }
    const prefix = `${userOf(options.credentials)?.replace('user:default/team-', '')}-`;
    const { items } = await inner.getEntitiesByRefs(request, options);
    return { items: items.map((e, i) => (request.entityRefs[i].startsWith(`component:default/${prefix}`) ? e : undefined)) };
  };
  return { catalog, calls, failOnce: () => (failNext = true) };
}

const refsOf = async (visible: VisibleEntities, credentials: BackstageCredentials, authorization: string) =>
  [...(await visible.among(credentials, authorization, snapshotRefs)).refs];

const teamA = mockCredentials.user('user:default/team-a');
const teamB = mockCredentials.user('user:default/team-b');
const header = (user: string) => mockCredentials.user.header(user);

describe('VisibleEntities', () => {
  const entities = [entity('a-1', 'team-a'), entity('a-2', 'team-a'), entity('b-1', 'team-b'), unmonitored];

  it('answers each caller only what the catalog lets that caller read, never another caller’s set', async () => {
    const { catalog, calls } = teamCatalog(entities);
    const visible = new VisibleEntities(catalog, 60_000);
    await expect(refsOf(visible, teamA, header('user:default/team-a'))).resolves.toEqual([
      'component:default/a-1',
      'component:default/a-2',
    ]);
    // Team A's answer is cached now; team B must still get its own answer from the catalog.
    await expect(refsOf(visible, teamB, header('user:default/team-b'))).resolves.toEqual(['component:default/b-1']);
    expect(calls).toEqual(['user:default/team-a', 'user:default/team-b']);
  });

  it('asks the catalog once per caller and token while the answer is fresh, also for concurrent page views', async () => {
    const { catalog, calls } = teamCatalog(entities);
    const visible = new VisibleEntities(catalog, 60_000);
    const answers = await Promise.all(Array.from({ length: 5 }, () => refsOf(visible, teamA, header('user:default/team-a'))));
    expect(new Set(answers.map(a => a.join(',')))).toEqual(new Set(['component:default/a-1,component:default/a-2']));
    await refsOf(visible, teamA, header('user:default/team-a'));
    expect(calls).toEqual(['user:default/team-a']);
    // Another token of the same user (new sign-in, other claims) is asked again.
    await refsOf(visible, teamA, 'Bearer another-token');
    expect(calls).toEqual(['user:default/team-a', 'user:default/team-a']);
  });

  it('asks again once the answer expired, and does not remember a failed catalog call', async () => {
    const { catalog, calls, failOnce } = teamCatalog(entities);
    const visible = new VisibleEntities(catalog, 20);
    failOnce();
    await expect(refsOf(visible, teamA, header('user:default/team-a'))).rejects.toThrow('catalog unavailable');
    await expect(refsOf(visible, teamA, header('user:default/team-a'))).resolves.toHaveLength(2);
    await new Promise(resolve => setTimeout(resolve, 40));
    await refsOf(visible, teamA, header('user:default/team-a'));
    expect(calls).toHaveLength(3);
  });

  it('does not cache at all with a time to live of 0', async () => {
    const { catalog, calls } = teamCatalog(entities);
    const visible = new VisibleEntities(catalog, 0);
    await refsOf(visible, teamA, header('user:default/team-a'));
    await refsOf(visible, teamA, header('user:default/team-a'));
    expect(calls).toHaveLength(2);
  });

  it('gives equal sets one id and different sets different ids, also for an empty candidate list', async () => {
    const { catalog } = teamCatalog([...entities, entity('a-3', 'team-a')]);
    const visible = new VisibleEntities(catalog, 60_000);
    const a1 = await visible.among(teamA, header('user:default/team-a'), snapshotRefs);
    const a2 = await visible.among(mockCredentials.user('user:default/team-a'), 'Bearer other-sign-in', snapshotRefs);
    const b = await visible.among(teamB, header('user:default/team-b'), snapshotRefs);
    expect(a2.id).toBe(a1.id);
    expect(b.id).not.toBe(a1.id);
    const none = await new VisibleEntities(catalog, 60_000).among(teamA, 'Bearer t', async () => []);
    expect(none.refs.size).toBe(0);
    expect(none.id).not.toBe(a1.id);
  });

  it('keys callers by principal kind, subject, actor and token', () => {
    const service = mockCredentials.service('plugin:catalog');
    // The same user, but through another service acting for them.
    const onBehalf: BackstageCredentials = { ...teamA, principal: { ...teamA.principal, actor: { type: 'service', subject: 'plugin:search' } } };
    const keys = new Set([
      callerKey(teamA, 'Bearer t'),
      callerKey(teamB, 'Bearer t'),
      callerKey(teamA, 'Bearer u'),
      callerKey(service, 'Bearer t'),
      callerKey(onBehalf, 'Bearer t'),
    ]);
    expect(keys.size).toBe(5);
  });
});
