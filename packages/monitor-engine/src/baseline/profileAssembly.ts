import type {
  FeatureStatistics,
  InferredType,
  Statistics,
} from '../formats/statistics';
import { TypeCounts, inferColumnType, isNumericType } from './dataTypes';
import { kllBuckets, kllSketch } from './kllSketch';

/**
 * Turns the aggregates of a profiled table into statistics.json, whatever the table's layout
 * (long: one row per value, see columnProfiler.ts; wide: one row per record, see
 * wideProfiler.ts). Both layouts answer the same questions through {@link ProfileQueries}, so
 * they give the same statistics.
 */

/** deequ's ColumnProfiler computes a histogram only below this many distinct values. */
export const CATEGORICAL_CARDINALITY_THRESHOLD = 120;

export interface ProfileResult {
  statistics: Statistics;
  /** Per-value type counts by column index (data_type_check needs them). */
  typeCounts: TypeCounts[];
}

/** Per column: values, type counts and moments of the numeric values. */
export interface MomentsRow {
  i: number;
  n: number;
  m: number;
  integral: number;
  fractional: number;
  boolean: number;
  string: number;
  sum: number | null;
  mn: number | null;
  mx: number | null;
  sd: number | null;
}

export interface CategoricalCounts {
  distinct: number;
  buckets?: { value: string; count: number }[];
}

/** The scans a layout provides, run in this order (each may use what the previous found). */
export interface ProfileQueries {
  moments(): Promise<MomentsRow[]>;
  /** Exact counts per KLL bucket of the numeric columns. */
  buckets(numeric: number[]): Promise<Map<number, number[]>>;
  sketches(
    numeric: number[],
    present: (i: number) => number,
  ): Promise<Map<number, ReturnType<typeof kllSketch>>>;
  /** Distinct counts of the text columns, value counts of the low-cardinality ones. */
  categorical(text: number[]): Promise<Map<number, CategoricalCounts>>;
}

export async function assembleProfile(
  names: readonly string[],
  queries: ProfileQueries,
): Promise<ProfileResult> {
  const rows = await queries.moments();
  const byIndex = new Map(rows.map(r => [Number(r.i), r]));
  const itemCount = rows.length ? Math.max(...rows.map(r => Number(r.n))) : 0;
  const indexes = names.map((_, i) => i);
  const typeCounts: TypeCounts[] = indexes.map(i => {
    const r = byIndex.get(i);
    return {
      // A column absent from every record (short rows) is missing everywhere.
      missing: r ? Number(r.m) + itemCount - Number(r.n) : itemCount,
      integral: Number(r?.integral ?? 0),
      fractional: Number(r?.fractional ?? 0),
      boolean: Number(r?.boolean ?? 0),
      string: Number(r?.string ?? 0),
    };
  });
  const types: InferredType[] = typeCounts.map(inferColumnType);
  const numeric = indexes.filter(i => isNumericType(types[i]));
  const text = indexes.filter(i => !isNumericType(types[i]));
  const present = (i: number) => itemCount - typeCounts[i].missing;

  const buckets = await queries.buckets(numeric);
  const sketches = await queries.sketches(numeric, present);
  const categorical = await queries.categorical(text);

  const features: FeatureStatistics[] = indexes.map(i => {
    const common = {
      num_present: present(i),
      num_missing: typeCounts[i].missing,
    };
    if (isNumericType(types[i])) {
      const r = byIndex.get(i)!;
      const [min, max, sum] = [Number(r.mn), Number(r.mx), Number(r.sum)];
      const sketch = sketches.get(i)!;
      return {
        name: names[i],
        inferred_type: types[i],
        numerical_statistics: {
          common,
          mean: sum / present(i),
          sum,
          std_dev: Number(r.sd),
          min,
          max,
          distribution: {
            kll: {
              buckets: kllBuckets(min, max, buckets.get(i) ?? []),
              sketch,
            },
          },
        },
      };
    }
    const cat = categorical.get(i);
    return {
      name: names[i],
      inferred_type: types[i],
      string_statistics: {
        common,
        distinct_count: cat?.distinct ?? 0,
        ...(cat?.buckets
          ? { distribution: { categorical: { buckets: cat.buckets } } }
          : {}),
      },
    };
  });
  return {
    statistics: { version: 0, dataset: { item_count: itemCount }, features },
    typeCounts,
  };
}
