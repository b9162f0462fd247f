import type { Config } from '@backstage/config';
import { openObjectStore, type ObjectStore } from '@mlmon/monitor-engine';
import { ANNOTATION_ENDPOINT } from '@mlmon/plugin-model-monitoring-common';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { ONBOARDING_PREFIX, onboardingRecordKey, parseOnboardedEndpoint } from './onboardingRecordKeys';

/**
 * Models onboarded through the scaffolder (to the built-in engine or to SageMaker Model Monitor)
 * are kept as one JSON file per endpoint under `{dataRoot}/onboarding/models/` (keys in
 * onboardingRecordKeys.ts). The scaffolder actions write them; the entity provider of this
 * module turns them into catalog entities. Files in the data root (a folder or S3) need no Git
 * host, survive restarts and are shared by every backend replica.
 */
export { ONBOARDING_PREFIX, onboardingRecordKey };

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
  /**
   * Where the endpoint runs. Absent in the records written before SageMaker endpoints could be
   * onboarded: those are built-in.
   */
  source: z.enum(['builtin', 'sagemaker']).optional(),
  /** The plain endpoint name (for SageMaker, the name part of the ARN the annotation holds). */
  endpointName: z.string().regex(NAME, 'letters, digits and hyphens, at most 63'),
  /** The catalog entity of the model, as the provider emits it. */
  entity: entitySchema,
  onboardedAt: z.iso.datetime({ offset: true }),
  onboardedBy: z.string().optional(),
});

export type OnboardingRecord = z.infer<typeof onboardingRecordSchema>;
export type OnboardedEntity = OnboardingRecord['entity'];

/** The key of a record: from its endpoint annotation (a name, or for SageMaker the ARN). */
export function onboardingRecordKeyOf(record: OnboardingRecord): string {
  return onboardingRecordKey(record.entity.metadata.annotations[ANNOTATION_ENDPOINT]);
}

/** The entity ref of a record's entity, as the catalog spells it. */
export function onboardedEntityRef(record: OnboardingRecord): string {
  const { metadata } = record.entity;
  return `component:${metadata.namespace ?? 'default'}/${metadata.name}`.toLocaleLowerCase('en-US');
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
  const record = parsed.data;
  const field = `${location}: field entity.metadata.annotations.${ANNOTATION_ENDPOINT}`;
  const annotation = record.entity.metadata.annotations[ANNOTATION_ENDPOINT];
  if (record.source === 'sagemaker') {
    const endpoint = parseOnboardedEndpoint(annotation);
    if (endpoint?.source !== 'sagemaker') {
      throw new Error(`${field}: must be a SageMaker endpoint ARN (arn:aws:sagemaker:REGION:ACCOUNT:endpoint/${record.endpointName})`);
    }
    if (endpoint.endpointName !== record.endpointName) {
      throw new Error(`${field}: must be the ARN of endpoint ${record.endpointName}, not of ${endpoint.endpointName}`);
    }
  } else if (annotation !== record.endpointName) {
    throw new Error(`${field}: must be ${record.endpointName}`);
  }
  return record;
}

/**
 * Reads one endpoint's record, or undefined when there is none. `endpoint` is the value of the
 * entity's endpoint annotation: a built-in endpoint name or a SageMaker endpoint ARN.
 */
export async function readOnboardingRecord(store: ObjectStore, endpoint: string): Promise<OnboardingRecord | undefined> {
  const key = onboardingRecordKey(endpoint);
  if (!(await store.exists(key))) return undefined;
  return parseOnboardingRecord((await store.get(key)).toString('utf8'), `${storeUrl(store)}/${key}`);
}

/** Writes (replaces) an endpoint's record after validating it; returns its location. */
export async function writeOnboardingRecord(store: ObjectStore, record: OnboardingRecord): Promise<string> {
  const text = `${JSON.stringify(record, null, 2)}\n`;
  const valid = parseOnboardingRecord(text, `the record of endpoint ${JSON.stringify(record.endpointName)}`);
  const key = onboardingRecordKeyOf(valid);
  await store.put(key, text);
  return `${storeUrl(store)}/${key}`;
}

/** Where a record is (or would be) stored. */
export function onboardingRecordUri(store: ObjectStore, endpoint: string): string {
  return `${storeUrl(store)}/${onboardingRecordKey(endpoint)}`;
}

/**
 * Every valid record (in key order), and a message per file that is not one (never silently
 * dropped): not parseable, stored under another endpoint's key, or naming an entity another
 * record names already, as two records must not fight over one catalog entity. Of those, the
 * record onboarded first keeps the entity, so a later record cannot take it over.
 */
export async function listOnboardingRecords(
  store: ObjectStore,
): Promise<{ records: OnboardingRecord[]; problems: string[] }> {
  const candidates: Array<{ record: OnboardingRecord; location: string }> = [];
  const problems: string[] = [];
  for await (const object of store.list(ONBOARDING_PREFIX)) {
    if (!object.key.endsWith('.json')) continue;
    const location = `${storeUrl(store)}/${object.key}`;
    try {
      const record = parseOnboardingRecord((await store.get(object.key)).toString('utf8'), location);
      const key = onboardingRecordKeyOf(record);
      if (key !== object.key) {
        throw new Error(`${location}: field entity.metadata.annotations.${ANNOTATION_ENDPOINT}: the record of this endpoint belongs at ${key}`);
      }
      candidates.push({ record, location });
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  const firstByRef = new Map<string, { record: OnboardingRecord; location: string }>();
  const byOnboarding = [...candidates].sort((a, b) => Date.parse(a.record.onboardedAt) - Date.parse(b.record.onboardedAt));
  for (const candidate of byOnboarding) {
    const ref = onboardedEntityRef(candidate.record);
    const first = firstByRef.get(ref);
    if (first) {
      problems.push(`${candidate.location}: field entity.metadata.name: ${ref} is onboarded already by ${first.location}`);
    } else {
      firstByRef.set(ref, candidate);
    }
  }
  const kept = new Set([...firstByRef.values()].map(c => c.record));
  return { records: candidates.filter(c => kept.has(c.record)).map(c => c.record), problems };
}

function storeUrl(store: ObjectStore): string {
  return store.url.replace(/\/+$/, '');
}
