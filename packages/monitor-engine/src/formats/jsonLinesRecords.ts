import { z } from 'zod';

/**
 * Record-level parsing of JSON Lines files (capture, ground truth): every error names the file,
 * the 1-based line and the field, so a user can find the bad record in a multi-GB capture folder.
 */
export class RecordFormatError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    /** Dotted path of the failing field, e.g. `eventMetadata.inferenceTime`; undefined for syntax errors. */
    readonly field: string | undefined,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${field ? `field ${field}: ` : ''}${reason}`);
    this.name = 'RecordFormatError';
  }
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

/** Validates one already-decoded record; throws {@link RecordFormatError} for the first bad field. */
export function validateRecord<T>(
  schema: z.ZodType<T>,
  value: unknown,
  file: string,
  line: number,
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problems)` : '';
  throw new RecordFormatError(file, line, fieldPath(issue.path) || undefined, `${issue.message}${more}`);
}

/** Parses and validates one line of a JSON Lines file. */
export function parseRecordLine<T>(schema: z.ZodType<T>, text: string, file: string, line: number): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RecordFormatError(file, line, undefined, `invalid JSON: ${reason}`);
  }
  return validateRecord(schema, value, file, line);
}

/** Records of a JSON Lines file and the lines that could not be read (never silently dropped). */
export interface JsonLinesResult<T> {
  records: T[];
  errors: RecordFormatError[];
}

/**
 * Parses a whole JSON Lines text. Blank lines (such as the final newline) are not records.
 * With `onError: 'throw'` (default) the first bad line throws; with 'collect' bad lines are
 * returned in `errors` and the good ones still parse.
 */
export function parseRecordLines<T>(
  schema: z.ZodType<T>,
  text: string,
  file: string,
  options: { onError?: 'throw' | 'collect' } = {},
): JsonLinesResult<T> {
  const records: T[] = [];
  const errors: RecordFormatError[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index].endsWith('\r') ? lines[index].slice(0, -1) : lines[index];
    if (raw.trim() === '') continue;
    try {
      records.push(parseRecordLine(schema, raw, file, index + 1));
    } catch (error) {
      if (options.onError !== 'collect' || !(error instanceof RecordFormatError)) throw error;
      errors.push(error);
    }
  }
  return { records, errors };
}

/** The parse and format functions of one JSON Lines record type (capture, ground truth). */
export interface JsonLinesFormat<T> {
  /** Validates a decoded record (e.g. a pretty-printed one); errors name file, line and field. */
  parseRecord(value: unknown, file: string, line?: number): T;
  /** Parses one line of a file. */
  parseLine(text: string, file: string, line: number): T;
  /** Parses a file's text; see {@link parseRecordLines} for the error modes. */
  parseJsonl(text: string, file: string, options?: { onError?: 'throw' | 'collect' }): JsonLinesResult<T>;
  /** A whole file: one record per line, each line ending in '\n'. */
  formatJsonl(records: Iterable<T>): string;
}

/** Builds a record type's {@link JsonLinesFormat} from its schema and its one-record writer. */
export function jsonLinesFormat<T>(
  schema: z.ZodType<T>,
  formatRecord: (record: T) => string,
): JsonLinesFormat<T> {
  return {
    parseRecord: (value, file, line = 1) => validateRecord(schema, value, file, line),
    parseLine: (text, file, line) => parseRecordLine(schema, text, file, line),
    parseJsonl: (text, file, options = {}) => parseRecordLines(schema, text, file, options),
    formatJsonl: records => {
      let out = '';
      for (const record of records) out += `${formatRecord(record)}\n`;
      return out;
    },
  };
}

/**
 * Appends the keys of `record` that the writer did not already emit, in their original order, so
 * that fields added by newer SageMaker versions survive a read-write round trip.
 */
export function extraKeysJson(record: object, known: readonly string[]): string {
  let out = '';
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined || known.includes(key)) continue;
    out += `,${JSON.stringify(key)}:${JSON.stringify(value)}`;
  }
  return out;
}
