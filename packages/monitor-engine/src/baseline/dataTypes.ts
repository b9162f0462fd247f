import type { InferredType } from '../formats/statistics';

/**
 * deequ's per-value type detection (DataType / StatefulDataType, reference section 2.3), which
 * SageMaker's analyzer uses to infer each column's type from its text values.
 */

/** deequ's Fractional pattern: digits with a fraction and/or an exponent. */
export const FRACTIONAL_PATTERN =
  '(-|\\+)? ?\\d+((\\.\\d+)|((?:\\.\\d+)?[Ee][-+]?\\d+))';
/** deequ's Integral pattern. */
export const INTEGRAL_PATTERN = '(-|\\+)? ?\\d+';
/** deequ's Boolean pattern. */
export const BOOLEAN_PATTERN = 'true|false';

/**
 * INTEGRAL_PATTERN or FRACTIONAL_PATTERN in one: the fraction and the exponent are each
 * optional (Fractional requires at least one of them, Integral neither). Groups do not
 * capture: the same matches, found faster.
 */
export const NUMBER_PATTERN = '(?:-|\\+)? ?\\d+(?:\\.\\d+)?(?:[Ee][-+]?\\d+)?';

/** Per-value type codes produced by {@link valueTypeCodeSql}. */
export const TypeCode = {
  missing: 0,
  integral: 1,
  fractional: 2,
  boolean: 3,
  string: 4,
} as const;

/**
 * SQL for the number of a text deequ detects as Integral or Fractional. deequ allows a space
 * between the sign and the digits ("- 5"), which DuckDB's cast rejects: that rare form is read
 * again without its space, so the value counts as the number its type says it is.
 */
export function numberFromTextSql(valueSql: string): string {
  return `coalesce(TRY_CAST(${valueSql} AS DOUBLE), TRY_CAST(replace(${valueSql}, ' ', '') AS DOUBLE))`;
}

/**
 * SQL for the type code of one text value (NULL = missing). The patterns are constants of this
 * file, never outside input, so they are inlined as literals.
 */
export function valueTypeCodeSql(valueSql: string): string {
  // One regular expression per value, not one per type: a number matches NUMBER_PATTERN, and
  // is Fractional exactly when it has a fraction or an exponent (the only characters '.', 'e'
  // and 'E' can come from). This runs on every value of a window, so it is the costly part.
  // A number beyond the double range ("1e400") is text here: its statistics would be infinite.
  return `CASE WHEN ${valueSql} IS NULL THEN 0
    WHEN regexp_full_match(${valueSql}, '${NUMBER_PATTERN}')
      THEN CASE WHEN NOT isfinite(${numberFromTextSql(valueSql)}) THEN 4
                WHEN contains(${valueSql}, '.') OR contains(${valueSql}, 'e') OR contains(${valueSql}, 'E')
                THEN 2 ELSE 1 END
    WHEN ${valueSql} IN ('true', 'false') THEN 3
    ELSE 4 END`;
}

/** How many values of a column were detected as each type. */
export interface TypeCounts {
  missing: number;
  integral: number;
  fractional: number;
  boolean: number;
  string: number;
}

/**
 * deequ's column type: all missing → Unknown; any text, or booleans mixed with numbers →
 * String; any fractional → Fractional; else Integral. A column of only booleans is reported
 * as String: SageMaker documents only Integral, Fractional, String and Unknown.
 */
export function inferColumnType(counts: TypeCounts): InferredType {
  const { integral, fractional, boolean, string } = counts;
  if (integral + fractional + boolean + string === 0) return 'Unknown';
  if (string > 0 || boolean > 0) return 'String';
  if (fractional > 0) return 'Fractional';
  return 'Integral';
}

/** True for the types that get numerical statistics and a KLL sketch. */
export function isNumericType(type: InferredType): boolean {
  return type === 'Integral' || type === 'Fractional';
}

/** Detects the type of one value in TypeScript, the same way as {@link valueTypeCodeSql}. */
export function detectValueType(
  value: string | null | undefined,
): keyof TypeCounts {
  if (value === null || value === undefined) return 'missing';
  const number = (type: 'integral' | 'fractional') =>
    Number.isFinite(Number(value.replace(/ /g, ''))) ? type : 'string';
  if (new RegExp(`^(?:${INTEGRAL_PATTERN})$`).test(value))
    return number('integral');
  if (new RegExp(`^(?:${FRACTIONAL_PATTERN})$`).test(value))
    return number('fractional');
  if (new RegExp(`^(?:${BOOLEAN_PATTERN})$`).test(value)) return 'boolean';
  return 'string';
}
