/**
 * Serialises values the way Python's `json.dumps(obj, indent=4)` does, which is how the Clarify
 * container writes analysis.json and constraint_violations.json: 4-space indent, `"key": value`,
 * `,` at line ends, non-ASCII escaped as \uXXXX, and floats in Python's repr form (`1.0`,
 * `1e-05`, `0.0001`, `1e+16`), never JavaScript's (`1`, `0.00001`, `1e+21`).
 *
 * Numbers are always written as Python floats. Wrap a value in {@link PythonInt} to write an
 * integer instead (Clarify writes a few counts that way).
 */
export class PythonInt {
  constructor(readonly value: number) {}
}

export type PythonJsonValue =
  | null
  | boolean
  | number
  | string
  | PythonInt
  | readonly PythonJsonValue[]
  | { readonly [key: string]: PythonJsonValue | undefined };

export function toPythonJson(value: PythonJsonValue, indent = 4): string {
  return write(value, indent, 0);
}

function write(value: PythonJsonValue, indent: number, depth: number): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return pythonFloatRepr(value);
  if (typeof value === 'string') return pythonJsonString(value);
  if (value instanceof PythonInt) return String(Math.trunc(value.value));
  const inner = ' '.repeat(indent * (depth + 1));
  const outer = ' '.repeat(indent * depth);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map(v => inner + write(v as PythonJsonValue, indent, depth + 1));
    return `[\n${items.join(',\n')}\n${outer}]`;
  }
  const entries = Object.entries(value as Record<string, PythonJsonValue | undefined>).filter(
    ([, v]) => v !== undefined,
  ) as Array<[string, PythonJsonValue]>;
  if (entries.length === 0) return '{}';
  const items = entries.map(
    ([k, v]) => `${inner}${pythonJsonString(k)}: ${write(v, indent, depth + 1)}`,
  );
  return `{\n${items.join(',\n')}\n${outer}}`;
}

/** Python's `repr(float)`: shortest round-trip digits, fixed notation for 1e-4 <= |x| < 1e16. */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  // toExponential() without an argument gives the shortest digits that round-trip, like repr.
  const [mantissa, exponentText] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const expSign = exponent < 0 ? '-' : '+';
    return `${sign}${digits[0]}${fraction}e${expSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  if (digits.length <= exponent + 1) return `${sign}${digits}${'0'.repeat(exponent + 1 - digits.length)}.0`;
  return `${sign}${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
}

/** A JSON string literal with Python's default `ensure_ascii=True` escaping. */
export function pythonJsonString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const ch = text[i];
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}
