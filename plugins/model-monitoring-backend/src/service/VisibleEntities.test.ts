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
// Readable by team A, but not monitored: never listed.
const unmonitored: Entity = { ...entity('a-website', 'team-a'), metadata: { name: 'a-website', namespace: 'default' } };

const userOf = (c: BackstageCredentials) => (c.principal as { userEntityRef?: string }).userEntityRef;

/** A catalog that answers each user only their team's entities (`team-a` reads `a-*`), and counts its calls. */
function teamCatalog(entities: Entity[]) {
  const inner = catalogServiceMock({ entities });
  const calls: string[] = [];
  let failNext = false;
  const catalog = Object.create(inner) as CatalogService;
  catalog.getEntities = async (request, options) => {
    calls.push(userOf(options.credentials) ?? 'none');
    if (failNext) {
      failNext = false;
      throw new Error('catalog unavailable');
    }
    const prefix = `${userOf(options.credentials)?.replace('user:default/team-', '')}-`;
    const { items } = await inner.getEntities(request, options);
    return { items: items.filter(e => e.metadata.name.startsWith(prefix)) };
  };
  return { catalog, calls, failOnce: () => (failNext = true) };
}

const teamA = mockCredentials.user('user:default/team-a');
const teamB = mockCredentials.user('user:default/team-b');
const header = (user: string) => mockCredentials.user.header(user);

describe('VisibleEntities', () => {
  const entities = [entity('a-1', 'team-a'), entity('a-2', 'team-a'), entity('b-1', 'team-b'), unmonitored];

  it('answers each caller only what the catalog lets that caller read, never another caller’s set', async () => {
    const { catalog, calls } = teamCatalog(entities);
    const visible = new VisibleEntities(catalog, 60_000);
    await expect(visible.refs(teamA, header('user:default/team-a'))).resolves.toEqual([
      'component:default/a-1',
      'component:default/a-2',
    ]);
    // Team A's answer is cached now; team B must still get its own answer from the catalog.
    await expect(visible.refs(teamB, header('user:default/team-b'))).resolves.toEqual(['component:default/b-1']);
    expect(calls).toEqual(['user:default/team-a', 'user:default/team-b']);
  });

  it('asks the catalog once per caller and token while the answer is fresh, also for concurrent page views', async () => {
    const { catalog, calls } = teamCatalog(entities);
    const visible = new VisibleEntities(catalog, 60_000);
    const answers = await Promise.all(Array.from({ length: 5 }, () => visible.refs(teamA, header('user:default/team-a'))));
    expect(new Set(answers.map(a => a.join(',')))).toEqual(new Set(['component:default/a-1,component:default/a-2']));
    await visible.refs(teamA, header('user:default/team-a'));
    expect(calls).toEqual(['user:default/team-a']);
    // Another token of the same user (new sign-in, other claims) is asked again.
    await visible.refs(teamA, 'Bearer another-token');
    expect(calls).toEqual(['user:default/team-a', 'user:default/team-a']);
  });

  it('asks again once the answer expired, and does not remember a failed catalog call', async () => {
    const { catalog, calls, failOnce } = teamCatalog(entities);
    const visible = new VisibleEntities(catalog, 20);
    failOnce();
    await expect(visible.refs(teamA, header('user:default/team-a'))).rejects.toThrow('catalog unavailable');
    await expect(visible.refs(teamA, header('user:default/team-a'))).resolves.toHaveLength(2);
    await new Promise(resolve => setTimeout(resolve, 40));
    await visible.refs(teamA, header('user:default/team-a'));
    expect(calls).toHaveLength(3);
  });

  it('does not cache at all with a time to live of 0', async () => {
    const { catalog, calls } = teamCatalog(entities);
    const visible = new VisibleEntities(catalog, 0);
    await visible.refs(teamA, header('user:default/team-a'));
    await visible.refs(teamA, header('user:default/team-a'));
    expect(calls).toHaveLength(2);
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
