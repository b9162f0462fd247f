import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  MONITOR_TYPES,
  type BuiltinScheduleSpec,
  type RegisterBuiltinModelRequest,
} from '@mlmon/plugin-model-monitoring-common';
import { parseScheduleExpression } from '@mlmon/monitor-engine';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { checkClarifySchedule, clarifyScheduleFields } from './clarifyScheduleSchema';

/** A model monitored by the built-in engine, with every location resolved. */
export interface BuiltinModel {
  entityRef: string;
  endpointName: string;
  variant: string;
  captureUri: string;
  schedules: Array<BuiltinScheduleSpec & { baselineUri: string }>;
  origin: 'config' | 'registry';
}

/** The built-in engine's settings from `modelMonitoring.builtin`. */
export interface BuiltinSettings {
  /** Root URL (file:// or s3://) of capture, ground truth, baselines and reports. */
  dataRoot: string;
  reportsUri: string;
  /** Storage locations a model may use; everything else is refused. */
  allowedPrefixes: string[];
  frequencyMinutes: number;
  /** How many missed windows per schedule one run catches up (older ones wait for the next run). */
  maxCatchUpWindows: number;
  models: BuiltinModel[];
}

// Same rules as SageMaker names (and the annotations), so names are safe in keys and queries.
const NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
const nameSchema = z.string().regex(NAME, 'letters, digits and hyphens, at most 63');
const locationSchema = z
  .string()
  .min(1)
  .refine(v => !v.split('/').includes('..'), 'must not contain ".."');

export const scheduleSpecSchema = z.object({
  name: nameSchema,
  monitorType: z.enum(MONITOR_TYPES),
  scheduleExpression: z.string().refine(v => {
    try {
      parseScheduleExpression(v);
      return true;
    } catch {
      return false;
    }
  }, 'must be a SageMaker schedule expression such as cron(0 * ? * * *)'),
  baselineUri: locationSchema.optional(),
  problemType: z.enum(['BinaryClassification', 'MulticlassClassification', 'Regression']).optional(),
  inferenceAttribute: z.string().max(255).optional(),
  probabilityAttribute: z.string().max(255).optional(),
  probabilityThresholdAttribute: z.number().min(0).max(1).optional(),
  groundTruthUri: locationSchema.optional(),
  ...clarifyScheduleFields,
}).superRefine(checkClarifySchedule);

export const modelSpecSchema = z.object({
  entityRef: z.string().regex(/^[a-z0-9_-]+:[a-z0-9_.-]+\/[a-zA-Z0-9_.-]+$/i, 'kind:namespace/name'),
  endpointName: nameSchema,
  variant: nameSchema.optional(),
  captureUri: locationSchema.optional(),
  schedules: z.array(scheduleSpecSchema).min(1),
});

/** Turns a folder path or URL into a URL without a trailing slash. */
export function normalizeLocation(location: string, baseDir = process.cwd()): string {
  const trimmed = location.trim().replace(/\/+$/, '');
  if (/^(s3|file):\/\//i.test(trimmed)) return trimmed;
  return pathToFileURL(path.resolve(baseDir, trimmed)).href.replace(/\/+$/, '');
}

/** True when `location` is `prefix` or inside it (whole path segments only). */
export function isUnderPrefix(location: string, prefix: string): boolean {
  return location === prefix || location.startsWith(`${prefix}/`);
}

/** Resolves a model spec's defaults under the data root and checks every location is allowed. */
export function resolveModel(
  spec: z.infer<typeof modelSpecSchema> | RegisterBuiltinModelRequest,
  settings: Pick<BuiltinSettings, 'dataRoot' | 'allowedPrefixes'>,
  origin: BuiltinModel['origin'],
  where: string,
): BuiltinModel {
  const parsed = modelSpecSchema.safeParse(spec);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`${where}.${issue.path.join('.')}: ${issue.message}`);
  }
  const m = parsed.data;
  m.schedules.forEach((s, i) => {
    // The backend would call that URL: only operators (app-config) may name one.
    if (s.explainer?.kind === 'http' && origin !== 'config') {
      throw new InputError(`${where}.schedules.${i}.explainer.kind: http explainers may only be configured in app-config`);
    }
  });
  const check = (location: string, field: string) => {
    const normalized = normalizeLocation(location);
    if (!settings.allowedPrefixes.some(p => isUnderPrefix(normalized, p))) {
      throw new InputError(
        `${where}.${field}: ${normalized} is outside the allowed locations (${settings.allowedPrefixes.join(', ')})`,
      );
    }
    return normalized;
  };
  return {
    entityRef: m.entityRef.toLocaleLowerCase('en-US'),
    endpointName: m.endpointName,
    variant: m.variant ?? 'AllTraffic',
    captureUri: check(m.captureUri ?? `${settings.dataRoot}/capture`, 'captureUri'),
    schedules: m.schedules.map((s, i) => ({
      ...s,
      baselineUri: check(
        s.baselineUri ?? `${settings.dataRoot}/baselines/${m.endpointName}/${s.name}`,
        `schedules[${i}].baselineUri`,
      ),
      groundTruthUri:
        s.monitorType === 'DataQuality'
          ? undefined
          : check(
              s.groundTruthUri ?? `${settings.dataRoot}/ground-truth/${m.endpointName}`,
              `schedules[${i}].groundTruthUri`,
            ),
    })),
    origin,
  };
}

/** Reads `modelMonitoring.builtin`; a malformed model is an error naming the key. */
export function readBuiltinSettings(config: Config): BuiltinSettings {
  const builtin = config.getOptionalConfig('modelMonitoring.builtin');
  const dataRoot = normalizeLocation(builtin?.getOptionalString('dataRoot') ?? '.mlmon-data');
  const allowedPrefixes = [
    dataRoot,
    ...(builtin?.getOptionalStringArray('allowedLocations') ?? []).map(l => normalizeLocation(l)),
  ];
  const settings = {
    dataRoot,
    reportsUri: `${dataRoot}/reports`,
    allowedPrefixes,
    frequencyMinutes: builtin?.getOptionalNumber('frequencyMinutes') ?? 5,
    maxCatchUpWindows: builtin?.getOptionalNumber('maxCatchUpWindows') ?? 168,
  };
  const models = (builtin?.getOptionalConfigArray('models') ?? []).map((c, i) =>
    resolveModel(c.get() as RegisterBuiltinModelRequest, settings, 'config', `modelMonitoring.builtin.models[${i}]`),
  );
  return { ...settings, models };
}
