import { LINES_READER_OPTIONS } from '../baseline/datasetTable';
import {
  payloadKindSql,
  payloadRecordsSql,
  payloadTextSql,
} from './payloadSql';
import {
  INFERENCE_TIME_PATH,
  inferenceTimeSql,
  isCaptureRecordSql,
  placeholders,
} from './jsonLineSql';

/**
 * SQL that reads capture files into one row per captured request, with its payloads decoded
 * into records (see payloadSql.ts): columns req_id, fi (1-based index of the file), ok (a
 * capture record), has_input, in_window, in_recs and out_recs (VARCHAR[][]). The file is kept
 * as an index, not its path: a path repeated on every one of millions of rows costs more memory
 * than the payload values.
 */

/**
 * The parameters of {@link requestsSql}: the file paths (read), the file paths again when
 * located (to number the files), then the window's start and end.
 */
export function requestsParams(
  paths: readonly string[],
  window: { start: Date; end: Date },
  located = true,
): (string | Date)[] {
  return [...paths, ...(located ? paths : []), window.start, window.end];
}

const PAYLOAD_STRUCT =
  'STRUCT(observedContentType VARCHAR, data VARCHAR, encoding VARCHAR)';

/**
 * Fast path: DuckDB's JSON reader parses each line once, in parallel, into the few fields
 * needed. A line that is not a JSON object comes back as a row of NULLs (ignore_errors).
 */
export function fastParsedSql(fileCount: number): string {
  const columns = `{captureData: 'STRUCT(endpointInput ${PAYLOAD_STRUCT}, endpointOutput ${PAYLOAD_STRUCT})', eventMetadata: 'STRUCT(inferenceTime VARCHAR)'}`;
  return `SELECT filename AS file,
       NOT (captureData IS NULL AND eventMetadata IS NULL) AS ok,
       captureData.endpointInput AS i, captureData.endpointOutput AS o,
       eventMetadata.inferenceTime AS time_text
     FROM read_json([${placeholders(
       fileCount,
     )}], format = 'newline_delimited', columns = ${columns},
                    ignore_errors = true, filename = true)`;
}

/** Robust path: one text line at a time, validated with json_valid before extraction. */
export function robustParsedSql(fileCount: number): string {
  const paths = [
    '$.captureData.endpointInput.observedContentType',
    '$.captureData.endpointInput.data',
    '$.captureData.endpointInput.encoding',
    '$.captureData.endpointOutput.observedContentType',
    '$.captureData.endpointOutput.data',
    '$.captureData.endpointOutput.encoding',
    INFERENCE_TIME_PATH,
  ].map(p => `'${p}'`);
  return `SELECT file, ok,
       CASE WHEN ok THEN {'observedContentType': f[1], 'data': f[2], 'encoding': f[3]} END AS i,
       CASE WHEN ok THEN {'observedContentType': f[4], 'data': f[5], 'encoding': f[6]} END AS o,
       f[7] AS time_text
     FROM (SELECT file, ok,
                  CASE WHEN ok THEN json_extract_string(line, [${paths.join(
                    ', ',
                  )}]) END AS f
           FROM (SELECT filename AS file, line, ${isCaptureRecordSql('line')} AS ok
                 FROM read_csv([${placeholders(
                   fileCount,
                 )}], ${LINES_READER_OPTIONS}, filename=true)
                 WHERE line IS NOT NULL AND trim(line) <> ''))`;
}

/**
 * A query of the requests with their payloads decoded into records (see payloadSql.ts). Bound
 * parameters: {@link requestsParams}. It is a query, not a table: each pass over the window decodes the files again
 * rather than keep millions of nested lists in memory.
 */
export function requestsSql(
  parsed: string,
  fileCount: number,
  located = true,
): string {
  // Requests are numbered (last, over the decoded rows) and given their file only when asked:
  // the numbering keeps file order but costs a serial step, and finding the file costs string
  // comparisons on every row; the passes that count and copy the records do without.
  const file = located
    ? `list_position([${placeholders(fileCount)}], file)::INTEGER`
    : 'NULL::INTEGER';
  return `WITH parsed AS (${parsed}),
     decoded AS (
       SELECT ${file} AS fi, ok, i.data IS NOT NULL AS has_input,
              ${inferenceTimeSql('time_text')} AS inference_time,
              ${payloadTextSql(
                'i.data',
                'i.encoding',
              )} AS in_text, i.encoding AS in_enc, i.observedContentType AS in_type,
              ${payloadTextSql(
                'o.data',
                'o.encoding',
              )} AS out_text, o.encoding AS out_enc, o.observedContentType AS out_type
       FROM parsed)
     SELECT ${
       located ? 'row_number() OVER ()' : 'NULL::BIGINT'
     } AS req_id, fi, ok, has_input,
            (inference_time IS NULL OR (inference_time >= ? AND inference_time < ?)) AS in_window,
            ${payloadRecordsSql(
              'in_text',
              payloadKindSql('in_text', 'in_type', 'in_enc'),
              'input',
            )} AS in_recs,
            ${payloadRecordsSql(
              'out_text',
              payloadKindSql('out_text', 'out_type', 'out_enc'),
              'output',
            )} AS out_recs
     FROM decoded`;
}
