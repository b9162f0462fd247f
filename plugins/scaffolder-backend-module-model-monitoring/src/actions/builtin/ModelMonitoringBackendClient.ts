import type { AuthService, BackstageCredentials, DiscoveryService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { AlertRule, RegisterBuiltinModelRequest } from '@mlmon/plugin-model-monitoring-common';
import { waitForCatalogEntity } from '../waitForCatalogEntity';

/** An error answer of the model-monitoring backend, with its status and message. */
export class BackendRequestError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'BackendRequestError';
  }
}

/**
 * Talks to the model-monitoring backend over its REST API with the task initiator's credentials
 * (a plugin token on behalf of the user), so the backend's permission checks apply to the user
 * who runs the template, and reads the catalog the same way.
 */
export class ModelMonitoringBackendClient {
  constructor(
    private readonly deps: {
      auth: AuthService;
      discovery: DiscoveryService;
      catalog: CatalogService;
      fetch?: typeof fetch;
    },
  ) {}

  /** POST /models: registers (or replaces) the model with the built-in engine. */
  async registerModel(request: RegisterBuiltinModelRequest, credentials: BackstageCredentials): Promise<void> {
    await this.call('POST', '/models', request, credentials);
  }

  /** PUT /entities/.../alerts/rules: replaces the model's alert rules. */
  async replaceAlertRules(entityRef: string, rules: AlertRule[], credentials: BackstageCredentials): Promise<void> {
    await this.call('PUT', `${entityPath(entityRef)}/alerts/rules`, { rules }, credentials);
  }

  /** Waits until the catalog has the entity (the entity provider reads onboarded models every few seconds). */
  async waitForEntity(
    entityRef: string,
    credentials: BackstageCredentials,
    timeoutMs: number,
    pollMs = 2000,
  ): Promise<boolean> {
    return waitForCatalogEntity(this.deps.catalog, entityRef, credentials, timeoutMs, pollMs);
  }

  private async call(method: string, path: string, body: unknown, credentials: BackstageCredentials): Promise<unknown> {
    const baseUrl = await this.deps.discovery.getBaseUrl('model-monitoring');
    const { token } = await this.deps.auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'model-monitoring',
    });
    const response = await (this.deps.fetch ?? fetch)(`${baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
      let message = text.slice(0, 500);
      try {
        message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
      } catch {
        // not JSON: keep the text
      }
      throw new BackendRequestError(
        response.status,
        `model-monitoring backend answered ${response.status} to ${method} ${path}: ${message}`,
      );
    }
    return text ? JSON.parse(text) : undefined;
  }
}

/** `/entities/{namespace}/{kind}/{name}` of an entity ref `kind:namespace/name`. */
export function entityPath(entityRef: string): string {
  const match = /^([^:]+):([^/]+)\/(.+)$/.exec(entityRef);
  if (!match) throw new Error(`Not a full entity ref: ${entityRef}`);
  const [, kind, namespace, name] = match;
  return `/entities/${encodeURIComponent(namespace)}/${encodeURIComponent(kind)}/${encodeURIComponent(name)}`;
}
