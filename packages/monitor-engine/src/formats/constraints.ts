import { z } from 'zod';
import { JacksonValue, jacksonStringify, jdouble } from './jackson';
import {
  javaDouble,
  readJsonWithSchema,
  unknownEntries,
} from './jacksonReader';
import { inferredTypeSchema } from './statistics';

/**
 * constraints.json of a data-quality baseline (reference section 2.4). Objects are loose so
 * hand-edited files (e.g. `monitoring_config_overrides`) survive a read-write round trip.
 */

const enabledSchema = z.enum(['Enabled', 'Disabled']);

export const distributionConstraintsSchema = z.looseObject({
  perform_comparison: enabledSchema.optional(),
  comparison_threshold: javaDouble.optional(),
  comparison_method: z.enum(['Simple', 'Robust']).optional(),
  categorical_comparison_threshold: javaDouble.optional(),
  categorical_drift_method: z.enum(['LInfinity', 'ChiSquared']).optional(),
});

export const monitoringConfigSchema = z.looseObject({
  evaluate_constraints: enabledSchema.optional(),
  emit_metrics: enabledSchema.optional(),
  datatype_check_threshold: javaDouble.optional(),
  domain_content_threshold: javaDouble.optional(),
  distribution_constraints: distributionConstraintsSchema.optional(),
});

export const featureConstraintsSchema = z.looseObject({
  name: z.string(),
  inferred_type: inferredTypeSchema,
  completeness: javaDouble.optional(),
  num_constraints: z
    .looseObject({ is_non_negative: z.boolean().optional() })
    .optional(),
  string_constraints: z
    .looseObject({ domains: z.array(z.string()).optional() })
    .optional(),
  monitoringConfigOverrides: monitoringConfigSchema.optional(),
});

export const constraintsSchema = z.looseObject({
  version: javaDouble,
  features: z.array(featureConstraintsSchema),
  monitoring_config: monitoringConfigSchema.optional(),
});

export type Constraints = z.infer<typeof constraintsSchema>;
export type FeatureConstraints = z.infer<typeof featureConstraintsSchema>;
export type MonitoringConfig = z.infer<typeof monitoringConfigSchema>;

/** The monitoring_config SageMaker's analyzer suggests (identical in every real sample). */
export function suggestedMonitoringConfig(): MonitoringConfig {
  return {
    evaluate_constraints: 'Enabled',
    emit_metrics: 'Enabled',
    datatype_check_threshold: 1.0,
    domain_content_threshold: 1.0,
    distribution_constraints: {
      perform_comparison: 'Enabled',
      comparison_threshold: 0.1,
      comparison_method: 'Robust',
    },
  };
}

type Extras = Record<string, JacksonValue>;
const extras = (source: object, known: string[]) =>
  unknownEntries(source, known) as Extras;
const optionalDouble = (value: number | undefined) =>
  value === undefined ? undefined : jdouble(value);

/** Reads constraints.json; errors name `source` and the failing field. */
export function readConstraints(text: string, source: string): Constraints {
  return readJsonWithSchema(constraintsSchema, text, source);
}

/** Writes constraints.json exactly as SageMaker's analyzer formats it. */
export function writeConstraints(constraints: Constraints): string {
  return jacksonStringify({
    version: jdouble(constraints.version),
    features: constraints.features.map(featureTree),
    monitoring_config:
      constraints.monitoring_config &&
      configTree(constraints.monitoring_config),
    ...extras(constraints, ['version', 'features', 'monitoring_config']),
  });
}

function featureTree(f: FeatureConstraints): JacksonValue {
  return {
    name: f.name,
    inferred_type: f.inferred_type,
    completeness: optionalDouble(f.completeness),
    num_constraints: f.num_constraints && {
      is_non_negative: f.num_constraints.is_non_negative,
      ...extras(f.num_constraints, ['is_non_negative']),
    },
    string_constraints: f.string_constraints && {
      domains: f.string_constraints.domains,
      ...extras(f.string_constraints, ['domains']),
    },
    monitoringConfigOverrides:
      f.monitoringConfigOverrides && configTree(f.monitoringConfigOverrides),
    ...extras(f, [
      'name',
      'inferred_type',
      'completeness',
      'num_constraints',
      'string_constraints',
      'monitoringConfigOverrides',
    ]),
  };
}

function configTree(c: MonitoringConfig): JacksonValue {
  const d = c.distribution_constraints;
  return {
    evaluate_constraints: c.evaluate_constraints,
    emit_metrics: c.emit_metrics,
    datatype_check_threshold: optionalDouble(c.datatype_check_threshold),
    domain_content_threshold: optionalDouble(c.domain_content_threshold),
    distribution_constraints: d && {
      perform_comparison: d.perform_comparison,
      comparison_threshold: optionalDouble(d.comparison_threshold),
      comparison_method: d.comparison_method,
      categorical_comparison_threshold: optionalDouble(
        d.categorical_comparison_threshold,
      ),
      categorical_drift_method: d.categorical_drift_method,
      ...extras(d, [
        'perform_comparison',
        'comparison_threshold',
        'comparison_method',
        'categorical_comparison_threshold',
        'categorical_drift_method',
      ]),
    },
    ...extras(c, [
      'evaluate_constraints',
      'emit_metrics',
      'datatype_check_threshold',
      'domain_content_threshold',
      'distribution_constraints',
    ]),
  };
}
