import type { Config } from '@backstage/config';
import { openObjectStore, type ObjectStore } from '@mlmon/monitor-engine';
import { ANNOTATION_ENDPOINT } from '@mlmon/plugin-model-monitoring-common';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';

/**
 * Models onboarded to the built-in engine through the scaffolder are kept as one JSON file per
 * endpoint under `{dataRoot}/onboarding/models/`. The scaffolder action writes them; the entity
 * provider of this module turns them into catalog entities. Files in the data root (a folder or
 * S3) need no Git host, survive restarts and are shared by every backend replica.
 */
export const ONBOARDING_PREFIX = 'onboarding/models/';

const NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
const ENTITY_NAME = /^[a-zA-Z0-9]([-_.a-zA-Z0-9]{0,61}[a-zA-Z0-9])?$/;

const entitySchema = z.object({
  apiVersion: z.literal('backstage.io/v1alpha1'),
  kind: z.literal('Component'),
  metadata: z
    .object({
      name: z.string().regex(ENTITY_NAME, 'letters, digits, - _ . (at most 63)'),
      namespace: z.string().regex(ENTITY_NAME).optional(),
      title: z.string().max(200).optional(),
      description: z.string().max(2000).optional(),
      tags: z.array(z.string().regex(/^[a-z0-9:+#-]{1,63}$/)).max(20).optional(),
      annotations: z.record(z.string(), z.string()),
      labels: z.record(z.string(), z.string()).optional(),
    })
    .refine(m => m.annotations[ANNOTATION_ENDPOINT] !== undefined, `needs the ${ANNOTATION_ENDPOINT} annotation`),
  spec: z.object({
    type: z.string().min(1),
    lifecycle: z.string().min(1),
    owner: z.string().min(1),
    system: z.string().optional(),
  }),
});

export const onboardingRecordSchema = z.object({
  version: z.literal(1),
  endpointName: z.string().regex(NAME, 'letters, digits and hyphens, at most 63'),
  /** The catalog entity of the model, as the provider emits it. */
  entity: entitySchema,
  onboardedAt: z.iso.datetime({ offset: true }),
  onboardedBy: z.string().optional(),
});

export type OnboardingRecord = z.infer<typeof onboardingRecordSchema>;
export type OnboardedEntity = OnboardingRecord['entity'];

/** The key of an endpoint's record. */
export function onboardingRecordKey(endpointName: string): string {
  if (!NAME.test(endpointName)) throw new Error(`Invalid endpoint name ${JSON.stringify(endpointName)}`);
  return `${ONBOARDING_PREFIX}${endpointName}.json`;
}

/** The built-in engine's data root (`modelMonitoring.builtin.dataRoot`) as a URL, as the backend resolves it. */
export function builtinDataRoot(config: Config): string {
  const location = (config.getOptionalString('modelMonitoring.builtin.dataRoot') ?? '.mlmon-data').trim().replace(/\/+$/, '');
  if (/^(s3|file):\/\//i.test(location)) return location;
  return pathToFileURL(path.resolve(location)).href.replace(/\/+$/, '');
}

/** The store holding the onboarding records (the data root). */
export function onboardingStore(config: Config): ObjectStore {
  return openObjectStore(builtinDataRoot(config));
}

/** Parses a record; the error names the location and the field. */
export function parseOnboardingRecord(text: string, location: string): OnboardingRecord {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${location}: not JSON (${(error as Error).message})`);
  }
  const parsed = onboardingRecordSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${location}: field ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  if (parsed.data.entity.metadata.annotations[ANNOTATION_ENDPOINT] !== parsed.data.endpointName) {
    throw new Error(`${location}: field entity.metadata.annotations.${ANNOTATION_ENDPOINT}: must be ${parsed.data.endpointName}`);
  }
  return parsed.data;
}

/** Reads one endpoint's record, or undefined when there is none. */
export async function readOnboardingRecord(store: ObjectStore, endpointName: string): Promise<OnboardingRecord | undefined> {
  const key = onboardingRecordKey(endpointName);
  if (!(await store.exists(key))) return undefined;
  return parseOnboardingRecord((await store.get(key)).toString('utf8'), `${store.url}/${key}`);
}

/** Writes (replaces) an endpoint's record after validating it. */
export async function writeOnboardingRecord(store: ObjectStore, record: OnboardingRecord): Promise<string> {
  const key = onboardingRecordKey(record.endpointName);
  const text = `${JSON.stringify(record, null, 2)}\n`;
  parseOnboardingRecord(text, `${store.url}/${key}`);
  await store.put(key, text);
  return `${store.url.replace(/\/+$/, '')}/${key}`;
}

/** Every valid record, and a message per file that is not one (never silently dropped). */
export async function listOnboardingRecords(
  store: ObjectStore,
): Promise<{ records: OnboardingRecord[]; problems: string[] }> {
  const records: OnboardingRecord[] = [];
  const problems: string[] = [];
  for await (const object of store.list(ONBOARDING_PREFIX)) {
    if (!object.key.endsWith('.json')) continue;
    const location = `${store.url.replace(/\/+$/, '')}/${object.key}`;
    try {
      records.push(parseOnboardingRecord((await store.get(object.key)).toString('utf8'), location));
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  return { records, problems };
}
