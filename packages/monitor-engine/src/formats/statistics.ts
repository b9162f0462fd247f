import { z } from 'zod';
import { JacksonValue, jacksonStringify, jdouble } from './jackson';
import {
  javaDouble,
  readJsonWithSchema,
  unknownEntries,
} from './jacksonReader';

/**
 * statistics.json of a data-quality baseline or monitoring execution (reference section 2.2).
 * Objects are loose: keys this engine does not know are kept and written back.
 */

export const inferredTypeSchema = z.enum([
  'Integral',
  'Fractional',
  'String',
  'Boolean',
  'Unknown',
]);
export type InferredType = z.infer<typeof inferredTypeSchema>;

const commonSchema = z.looseObject({
  num_present: z.number(),
  num_missing: z.number(),
});

const kllBucketSchema = z.looseObject({
  lower_bound: javaDouble,
  upper_bound: javaDouble,
  count: javaDouble,
});

export const kllSketchSchema = z.looseObject({
  parameters: z.looseObject({ c: javaDouble, k: javaDouble }),
  /** Compactor levels; an item at level i has weight 2^i. */
  data: z.array(z.array(javaDouble)),
});
export type KllSketchJson = z.infer<typeof kllSketchSchema>;

const numericalStatisticsSchema = z.looseObject({
  common: commonSchema,
  mean: javaDouble,
  sum: javaDouble,
  std_dev: javaDouble,
  min: javaDouble,
  max: javaDouble,
  distribution: z
    .looseObject({
      kll: z.looseObject({
        buckets: z.array(kllBucketSchema),
        sketch: kllSketchSchema,
      }),
    })
    .optional(),
});

const stringStatisticsSchema = z.looseObject({
  common: commonSchema,
  distinct_count: javaDouble,
  distribution: z
    .looseObject({
      categorical: z.looseObject({
        buckets: z.array(
          z.looseObject({ value: z.string(), count: z.number() }),
        ),
      }),
    })
    .optional(),
});

export const featureStatisticsSchema = z.looseObject({
  name: z.string(),
  inferred_type: inferredTypeSchema,
  numerical_statistics: numericalStatisticsSchema.optional(),
  string_statistics: stringStatisticsSchema.optional(),
});

export const statisticsSchema = z.looseObject({
  version: javaDouble,
  dataset: z.looseObject({
    item_count: z.number(),
    evaluation_time: z.string().optional(),
  }),
  features: z.array(featureStatisticsSchema),
});

export type Statistics = z.infer<typeof statisticsSchema>;
export type FeatureStatistics = z.infer<typeof featureStatisticsSchema>;
export type NumericalStatistics = z.infer<typeof numericalStatisticsSchema>;
export type StringStatistics = z.infer<typeof stringStatisticsSchema>;
export type KllBucket = z.infer<typeof kllBucketSchema>;

/** Reads statistics.json; errors name `source` and the failing field. */
export function readStatistics(text: string, source: string): Statistics {
  return readJsonWithSchema(statisticsSchema, text, source);
}

/** Writes statistics.json exactly as SageMaker's analyzer formats it. */
export function writeStatistics(statistics: Statistics): string {
  return jacksonStringify(statisticsTree(statistics));
}

type Extras = Record<string, JacksonValue>;
const extras = (source: object, known: string[]) =>
  unknownEntries(source, known) as Extras;

function statisticsTree(s: Statistics): JacksonValue {
  return {
    version: jdouble(s.version),
    dataset: {
      item_count: s.dataset.item_count,
      evaluation_time: s.dataset.evaluation_time,
      ...extras(s.dataset, ['item_count', 'evaluation_time']),
    },
    features: s.features.map(featureTree),
    ...extras(s, ['version', 'dataset', 'features']),
  };
}

function featureTree(f: FeatureStatistics): JacksonValue {
  return {
    name: f.name,
    inferred_type: f.inferred_type,
    numerical_statistics:
      f.numerical_statistics && numericalTree(f.numerical_statistics),
    string_statistics: f.string_statistics && stringTree(f.string_statistics),
    ...extras(f, [
      'name',
      'inferred_type',
      'numerical_statistics',
      'string_statistics',
    ]),
  };
}

function commonTree(c: NumericalStatistics['common']): JacksonValue {
  return {
    num_present: c.num_present,
    num_missing: c.num_missing,
    ...extras(c, ['num_present', 'num_missing']),
  };
}

function numericalTree(n: NumericalStatistics): JacksonValue {
  const kll = n.distribution?.kll;
  return {
    common: commonTree(n.common),
    mean: jdouble(n.mean),
    sum: jdouble(n.sum),
    std_dev: jdouble(n.std_dev),
    min: jdouble(n.min),
    max: jdouble(n.max),
    distribution: n.distribution && {
      kll: kll && {
        buckets: kll.buckets.map(b => ({
          lower_bound: jdouble(b.lower_bound),
          upper_bound: jdouble(b.upper_bound),
          count: jdouble(b.count),
          ...extras(b, ['lower_bound', 'upper_bound', 'count']),
        })),
        sketch: {
          parameters: {
            c: jdouble(kll.sketch.parameters.c),
            k: jdouble(kll.sketch.parameters.k),
            ...extras(kll.sketch.parameters, ['c', 'k']),
          },
          data: kll.sketch.data.map(level => level.map(jdouble)),
          ...extras(kll.sketch, ['parameters', 'data']),
        },
        ...extras(kll, ['buckets', 'sketch']),
      },
      ...extras(n.distribution, ['kll']),
    },
    ...extras(n, [
      'common',
      'mean',
      'sum',
      'std_dev',
      'min',
      'max',
      'distribution',
    ]),
  };
}

function stringTree(s: StringStatistics): JacksonValue {
  const categorical = s.distribution?.categorical;
  return {
    common: commonTree(s.common),
    distinct_count: jdouble(s.distinct_count),
    distribution: s.distribution && {
      categorical: categorical && {
        // deequ keeps absolute counts as longs: written as integers.
        buckets: categorical.buckets.map(b => ({
          value: b.value,
          count: b.count,
          ...extras(b, ['value', 'count']),
        })),
        ...extras(categorical, ['buckets']),
      },
      ...extras(s.distribution, ['categorical']),
    },
    ...extras(s, ['common', 'distinct_count', 'distribution']),
  };
}
