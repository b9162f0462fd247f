/**
 * Writes JSON the way SageMaker's analyzer does (Jackson's default pretty printer over Scala
 * doubles), so that our files diff cleanly against real ones:
 *   `"key" : value`, two-space indent, arrays inline (`[ 1.0, 2.0 ]`, `[ {` … `}, {` … `} ]`),
 *   doubles always with a decimal point or Java's `E` exponent, NaN/Infinity as strings,
 *   no trailing newline.
 * JS numbers are written as Java doubles; wrap counts in {@link integer} to print them bare.
 */

/** A number Jackson would print as an integer (Scala Int/Long), e.g. item_count. */
export class JsonInteger {
  constructor(readonly value: number) {}
}

export function integer(value: number): JsonInteger {
  return new JsonInteger(value);
}

export type JacksonValue =
  | string
  | number
  | boolean
  | null
  | JsonInteger
  | readonly JacksonValue[]
  // A Map keeps keys in insertion order even when they look like array indices ("10", "2").
  | ReadonlyMap<string, JacksonValue>
  | { readonly [key: string]: JacksonValue | undefined };

/**
 * Java's Double.toString: plain notation with at least one fraction digit for 1e-3 ≤ |x| < 1e7,
 * otherwise `d.dddE±n`. The digits are the shortest that round-trip (as since JDK 19 and in JS).
 */
export function javaDoubleToString(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const magnitude = Math.abs(x);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    const plain = String(x);
    return plain.includes('.') ? plain : `${plain}.0`;
  }
  const [mantissa, exponent] = x.toExponential().split('e');
  const javaMantissa = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return `${javaMantissa}E${Number(exponent)}`;
}

function writeDouble(x: number): string {
  // Jackson's WRITE_NAN_AS_STRINGS (on by default) quotes non-finite doubles.
  return Number.isFinite(x) ? javaDoubleToString(x) : JSON.stringify(javaDoubleToString(x));
}

function write(value: JacksonValue, indent: string): string {
  if (value === null) return 'null';
  if (value instanceof JsonInteger) return String(Math.trunc(value.value));
  if (typeof value === 'number') return writeDouble(value);
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[ ]';
    return `[ ${value.map(item => write(item, indent)).join(', ')} ]`;
  }
  const pairs: Array<[string, JacksonValue | undefined]> =
    value instanceof Map
      ? [...(value as ReadonlyMap<string, JacksonValue>).entries()]
      : Object.entries(value as Record<string, JacksonValue | undefined>);
  const entries = pairs.filter(
    (entry): entry is [string, JacksonValue] => entry[1] !== undefined,
  );
  if (entries.length === 0) return '{ }';
  const inner = `${indent}  `;
  const body = entries
    .map(([key, item]) => `${inner}${JSON.stringify(key)} : ${write(item, inner)}`)
    .join(',\n');
  return `{\n${body}\n${indent}}`;
}

/** Serialises a document as Jackson's default pretty printer does (no trailing newline). */
export function toJacksonJson(value: JacksonValue): string {
  return write(value, '');
}
