/**
 * SQL over capture and ground-truth files read line by line as text (reference sections 1.1
 * and 1.4), shared by the data-quality scan and the model-quality merge. Reading text rather
 * than with a JSON reader that skips bad lines lets every bad line be counted and named by
 * file and line number.
 */

/** `?, ?, …` for a list of bound file paths. */
export const placeholders = (count: number) =>
  Array(count).fill('?').join(', ');

/**
 * The non-blank lines of JSON Lines files: columns filename, line_number (1-based) and line
 * (without a trailing CR). Bound parameters: the file paths. One file is held as one string
 * while it is split; capture files cover about a minute of traffic.
 */
export function numberedLinesSql(fileCount: number): string {
  if (fileCount === 0) {
    return `SELECT CAST(NULL AS VARCHAR) AS filename, CAST(NULL AS BIGINT) AS line_number,
      CAST(NULL AS VARCHAR) AS line WHERE false`;
  }
  return `SELECT filename, line_number, rtrim(line, chr(13)) AS line FROM (
      SELECT filename, generate_subscripts(string_split(content, chr(10)), 1) AS line_number,
        unnest(string_split(content, chr(10))) AS line
      FROM read_text([${placeholders(fileCount)}]))
    WHERE trim(line) <> ''`;
}

/** A text field of a JSON line by its path; NULL when the line is not JSON or lacks it. */
export function lineFieldSql(line: string, path: string): string {
  return `CASE WHEN json_valid(${line}) THEN json_extract_string(${line}, '${path}') END`;
}

/** Where a capture or ground-truth record keeps its event metadata. */
export const EVENT_ID_PATH = '$.eventMetadata.eventId';
export const INFERENCE_ID_PATH = '$.eventMetadata.inferenceId';
export const INFERENCE_TIME_PATH = '$.eventMetadata.inferenceTime';

/** eventMetadata.inferenceTime text as a timestamp; NULL when it is not a valid time. */
export function inferenceTimeSql(text: string): string {
  return `TRY_CAST(${text} AS TIMESTAMPTZ)`;
}

/**
 * The id a ground-truth record's eventId must equal: the capture's inferenceId when the caller
 * gave one, else its eventId.
 */
export function captureJoinIdSql(line: string): string {
  return `coalesce(${lineFieldSql(line, INFERENCE_ID_PATH)}, ${lineFieldSql(
    line,
    EVENT_ID_PATH,
  )})`;
}

/** True for a capture record: a JSON object with captureData or eventMetadata. */
export function isCaptureRecordSql(line: string): string {
  return `CASE WHEN json_valid(${line}) AND json_type(${line}) = 'OBJECT'
      THEN json_exists(${line}, '$.captureData') OR json_exists(${line}, '$.eventMetadata') ELSE false END`;
}
