import { detectValueType } from '../baseline/dataTypes';
import {
  CATEGORICAL_CARDINALITY_THRESHOLD,
  CategoricalCounts,
} from '../baseline/profileAssembly';

/**
 * What the streamed profile (streamedWindowProfile.ts) knows of a text column: the count of
 * each of its values, from which everything else follows in TypeScript, exactly as the table
 * queries of the other paths compute it: the type counts (each distinct value's type once,
 * times its count), the distinct count, the categorical buckets and the share of values inside
 * a baseline domain.
 */
export interface TextCounts {
  present: number;
  types: {
    integral: number;
    fractional: number;
    boolean: number;
    string: number;
  };
  /** Each distinct value and its count. */
  values: { value: string; count: number }[];
}

/** From DuckDB's histogram() of the column (a map of value to count, NULL when empty). */
export function textCountsFromHistogram(histogram: unknown): TextCounts {
  const entries = Array.isArray(histogram)
    ? (histogram as { key: unknown; value: unknown }[])
    : [];
  const counts: TextCounts = {
    present: 0,
    types: { integral: 0, fractional: 0, boolean: 0, string: 0 },
    values: [],
  };
  for (const { key, value } of entries) {
    if (key === null || key === undefined) continue;
    const [text, count] = [String(key), Number(value)];
    const type = detectValueType(text);
    if (type !== 'missing') counts.types[type] += count;
    counts.present += count;
    counts.values.push({ value: text, count });
  }
  return counts;
}

/** Byte order of the UTF-8 texts, as DuckDB sorts VARCHAR. */
const byteOrder = (a: string, b: string) =>
  Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/**
 * The distinct count, and the value counts (most frequent first, then by value) when there are
 * few distinct values, as deequ's histogram.
 */
export function categoricalFromCounts(
  counts: TextCounts | undefined,
): CategoricalCounts {
  const distinct = counts?.values.length ?? 0;
  if (!counts || distinct === 0 || distinct > CATEGORICAL_CARDINALITY_THRESHOLD)
    return { distinct };
  const buckets = [...counts.values].sort(
    (a, b) => b.count - a.count || byteOrder(a.value, b.value),
  );
  return { distinct, buckets };
}

/** Share of the present values inside the domain; undefined when none is present. */
export function domainShareFromCounts(
  counts: TextCounts,
  domain: readonly string[],
): number | undefined {
  if (counts.present === 0) return undefined;
  const inside = new Set(domain);
  let count = 0;
  for (const { value, count: c } of counts.values)
    if (inside.has(value)) count += c;
  return count / counts.present;
}
