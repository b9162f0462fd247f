import type { OnboardedEntity } from '@mlmon/plugin-catalog-backend-module-model-monitoring';

/** What the onboarding form says about the model's catalog entity. */
export interface ModelEntityFields {
  name: string;
  namespace?: string;
  title?: string;
  description?: string;
  tags?: string[];
  owner: string;
  system?: string;
  lifecycle?: string;
}

/**
 * The catalog entity of an onboarded model (a Component of type ml-model), shared by every
 * onboarding action so that built-in and SageMaker models look the same in the catalog.
 */
export function modelEntity(
  fields: ModelEntityFields,
  annotations: Record<string, string>,
): { entityRef: string; entity: OnboardedEntity } {
  const entity: OnboardedEntity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: fields.name,
      ...(fields.namespace ? { namespace: fields.namespace } : {}),
      ...(fields.title ? { title: fields.title } : {}),
      ...(fields.description ? { description: fields.description } : {}),
      ...(fields.tags?.length ? { tags: fields.tags } : {}),
      annotations,
    },
    spec: {
      type: 'ml-model',
      lifecycle: fields.lifecycle ?? 'production',
      owner: fields.owner,
      ...(fields.system ? { system: fields.system } : {}),
    },
  };
  const entityRef = `component:${fields.namespace ?? 'default'}/${
    fields.name
  }`.toLocaleLowerCase('en-US');
  return { entityRef, entity };
}
