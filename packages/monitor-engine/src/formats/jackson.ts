/**
 * Serialisation the way SageMaker's analyzer (Scala, Jackson's DefaultPrettyPrinter) writes its
 * JSON files, so files written by the engine are byte-for-byte in SageMaker's style:
 *
 *   {
 *     "key" : value,             <- space on both sides of the colon, 2-space indent per object
 *     "list" : [ 1, 2 ],         <- arrays inline, `[ ]` when empty; objects inside arrays
 *     "objs" : [ {               <- continue on the same line: `[ {` … `}, {` … `} ]`
 *       "a" : 1.0
 *     } ]
 *   }                            <- no trailing newline
 *
 * JavaScript has one number type while Java distinguishes long and double; Jackson prints a
 * double with Java's Double.toString (`24.0`, `1.0E-4`) and a long bare (`24`). Wrap values
 * that SageMaker writes as doubles in {@link JDouble}; plain numbers are written as longs when
 * integral and as doubles otherwise ({@link JLong} forces a long).
 *
 * Objects keep their key order, except that JavaScript always lists integer-like keys ("2",
 * "10") first and ascending; give a `Map` where such keys must keep insertion order (class
 * labels such as "-1", "1.5", "10").
 */

/** A number that SageMaker writes as a Java double. */
export class JDouble {
  constructor(readonly value: number) {}
}

/** Wraps a number as a Java double for {@link jacksonStringify}. */
export function jdouble(value: number): JDouble {
  return new JDouble(value);
}

/** A number that SageMaker writes as a Java long / Scala Int (a count such as item_count). */
export class JLong {
  constructor(readonly value: number) {}
}

/** Wraps a number as a Java long for {@link jacksonStringify}; any fraction is dropped. */
export function jlong(value: number): JLong {
  return new JLong(value);
}

/** A value tree for {@link jacksonStringify}; object and Map key order is kept. */
export type JacksonValue =
  | string
  | number
  | boolean
  | null
  | JDouble
  | JLong
  | readonly JacksonValue[]
  | ReadonlyMap<string, JacksonValue | undefined>
  | { readonly [key: string]: JacksonValue | undefined };

/** Serialises like Jackson's DefaultPrettyPrinter (see the file comment). */
export function jacksonStringify(value: JacksonValue): string {
  const out: string[] = [];
  write(value, 0, out);
  return out.join('');
}

function write(value: JacksonValue, nesting: number, out: string[]): void {
  if (value === null) {
    out.push('null');
  } else if (value instanceof JDouble) {
    out.push(formatJavaDouble(value.value));
  } else if (value instanceof JLong) {
    out.push(String(Math.trunc(value.value)));
  } else if (typeof value === 'number') {
    out.push(Number.isInteger(value) ? String(value) : formatJavaDouble(value));
  } else if (typeof value === 'string') {
    out.push(JSON.stringify(value));
  } else if (typeof value === 'boolean') {
    out.push(String(value));
  } else if (isArray(value)) {
    // Jackson's FixedSpaceIndenter for arrays: inline and no extra nesting level.
    if (value.length === 0) {
      out.push('[ ]');
      return;
    }
    out.push('[ ');
    value.forEach((item, index) => {
      if (index > 0) out.push(', ');
      write(item, nesting, out);
    });
    out.push(' ]');
  } else {
    const entries = definedEntries(value);
    if (entries.length === 0) {
      out.push('{ }');
      return;
    }
    const inner = `\n${'  '.repeat(nesting + 1)}`;
    out.push('{');
    entries.forEach(([key, item], index) => {
      out.push(index > 0 ? ',' : '', inner, JSON.stringify(key), ' : ');
      write(item, nesting + 1, out);
    });
    out.push('\n', '  '.repeat(nesting), '}');
  }
}

// Array.isArray does not narrow readonly arrays out of a union.
function isArray(value: JacksonValue): value is readonly JacksonValue[] {
  return Array.isArray(value);
}

/** An object's or Map's entries in order, leaving out undefined values (absent fields). */
function definedEntries(
  value: ReadonlyMap<string, JacksonValue | undefined> | { readonly [key: string]: JacksonValue | undefined },
): Array<[string, JacksonValue]> {
  const pairs = value instanceof Map ? [...value.entries()] : Object.entries(value);
  return pairs.filter((pair): pair is [string, JacksonValue] => pair[1] !== undefined);
}

/**
 * Java's Double.toString: plain notation with at least one fractional digit for
 * 1e-3 <= |x| < 1e7, otherwise computerised scientific notation (`1.0E7`, `2.5E-4`);
 * `NaN`, `Infinity` and `-Infinity` as Java spells them. The digits are the shortest that
 * round-trip (as Java does since JDK 19, and as JS does).
 */
export function javaDoubleToString(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(x);
  if (abs >= 1e-3 && abs < 1e7) {
    // In this range JS prints shortest round-trip digits without an exponent, as Java does.
    const plain = String(x);
    return plain.includes('.') ? plain : `${plain}.0`;
  }
  // JS gives the shortest round-trip digits, e.g. "1.5e-7" / "1e+21".
  const [mantissa, exponent] = x.toExponential().split('e');
  const withPoint = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return `${withPoint}E${Number(exponent)}`;
}

/**
 * A double as a Jackson JSON token: {@link javaDoubleToString}, with NaN and infinities
 * quoted as strings, as Jackson does with QUOTE_NON_NUMERIC_NUMBERS (on by default).
 */
export function formatJavaDouble(x: number): string {
  const text = javaDoubleToString(x);
  return Number.isFinite(x) ? text : JSON.stringify(text);
}
