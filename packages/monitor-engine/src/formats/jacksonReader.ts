import { z } from 'zod';

/**
 * Reading side of the SageMaker JSON files: parse JSON and validate it with a zod schema, and
 * say where the problem is (file, line, field) when either fails.
 */

/** A SageMaker file that could not be read; the message names the file and the field or line. */
export class FormatError extends Error {
  constructor(readonly source: string, detail: string) {
    super(`${source}: ${detail}`);
    this.name = 'FormatError';
  }
}

/** Parses JSON text, reporting syntax errors with their line and column. */
export function parseJsonText(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    if (position) {
      const offset = Number(position[1]);
      const before = text.slice(0, offset);
      const line = before.split('\n').length;
      const column = offset - before.lastIndexOf('\n');
      const reason = message.replace(/ in JSON at position.*$/, '');
      throw new FormatError(
        source,
        `invalid JSON at line ${line} column ${column}: ${reason}`,
      );
    }
    throw new FormatError(source, `invalid JSON: ${message}`);
  }
}

/** Validates a parsed value; the error lists the failing fields as JSON paths. */
export function validateWithSchema<T extends z.ZodType>(
  schema: T,
  value: unknown,
  source: string,
): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 5).map(issue => {
    const field = formatPath(issue.path);
    return `field ${field || '(root)'}: ${issue.message}`;
  });
  const more =
    result.error.issues.length > 5
      ? ` (+${result.error.issues.length - 5} more)`
      : '';
  throw new FormatError(source, `${problems.join('; ')}${more}`);
}

/** Parses and validates in one step. */
export function readJsonWithSchema<T extends z.ZodType>(
  schema: T,
  text: string,
  source: string,
): z.output<T> {
  return validateWithSchema(schema, parseJsonText(text, source), source);
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) =>
      typeof part === 'number'
        ? `[${part}]`
        : `${index > 0 ? '.' : ''}${String(part)}`,
    )
    .join('');
}

/**
 * A number that SageMaker may also write as the string "NaN" / "Infinity" (Jackson's quoted
 * non-numeric numbers). Reads as a JS number.
 */
export const javaDouble = z.union([
  z.number(),
  z.enum(['NaN', 'Infinity', '-Infinity']).transform(text => Number(text)),
]);

/** Keys of `source` that a writer does not know, so they survive a read-write round trip. */
export function unknownEntries(
  source: object,
  knownKeys: readonly string[],
): Record<string, unknown> {
  const extras: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (!knownKeys.includes(key)) extras[key] = value;
  }
  return extras;
}
