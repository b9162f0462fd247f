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
 * double with Java's Double.toString (`24.0`, `1.0E-4`). Wrap values that SageMaker writes as
 * doubles in {@link JDouble}; plain numbers are written as integers when integral.
 */

/** A number that SageMaker writes as a Java double. */
export class JDouble {
  constructor(readonly value: number) {}
}

/** Wraps a number (or null) as a Java double for {@link jacksonStringify}. */
export function jdouble(value: number): JDouble {
  return new JDouble(value);
}

/** A value tree for {@link jacksonStringify}; object key order is kept. */
export type JacksonValue =
  | string
  | number
  | boolean
  | null
  | JDouble
  | JacksonValue[]
  | { [key: string]: JacksonValue | undefined };

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
  } else if (typeof value === 'number') {
    out.push(Number.isInteger(value) ? String(value) : formatJavaDouble(value));
  } else if (typeof value === 'string') {
    out.push(JSON.stringify(value));
  } else if (typeof value === 'boolean') {
    out.push(String(value));
  } else if (Array.isArray(value)) {
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
    const entries = Object.entries(value).filter(
      ([, v]) => v !== undefined,
    ) as [string, JacksonValue][];
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

/**
 * Java's Double.toString: plain notation with at least one fractional digit for
 * 1e-3 <= |x| < 1e7, otherwise computerised scientific notation (`1.0E7`, `2.5E-4`).
 * NaN and infinities are written as strings, as Jackson does with QUOTE_NON_NUMERIC_NUMBERS.
 */
export function formatJavaDouble(x: number): string {
  if (Number.isNaN(x)) return '"NaN"';
  if (x === Infinity) return '"Infinity"';
  if (x === -Infinity) return '"-Infinity"';
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
