import { LINES_READER_OPTIONS } from '../baseline/datasetTable';
import {
  payloadKindSql,
  payloadRecordsSql,
  payloadTextSql,
  isPlainCsvLineSql,
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
 * `withFile` false leaves the file column out (NULL): a path on every row costs.
 */
export function fastParsedSql(fileCount: number, withFile = true): string {
  const columns = `{captureData: 'STRUCT(endpointInput ${PAYLOAD_STRUCT}, endpointOutput ${PAYLOAD_STRUCT})', eventMetadata: 'STRUCT(inferenceTime VARCHAR)'}`;
  return `SELECT ${withFile ? 'filename' : 'NULL::VARCHAR'} AS file,
       NOT (captureData IS NULL AND eventMetadata IS NULL) AS ok,
       captureData.endpointInput AS i, captureData.endpointOutput AS o,
       eventMetadata.inferenceTime AS time_text
     FROM read_json([${placeholders(
       fileCount,
     )}], format = 'newline_delimited', columns = ${columns},
                    ignore_errors = true, filename = ${withFile})`;
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
           FROM (SELECT filename AS file, line, ${isCaptureRecordSql(
             'line',
           )} AS ok
                 FROM read_csv([${placeholders(
                   fileCount,
                 )}], ${LINES_READER_OPTIONS}, filename=true)
                 WHERE line IS NOT NULL AND trim(line) <> ''))`;
}

/**
 * The parsed requests with their payload texts decoded (base64 undone) and kinds resolved,
 * computed once per request: fi, ok, has_input, in_window, in_text, in_kind, out_text,
 * out_kind, as a WITH clause ending with `decoded`. Bound parameters: {@link requestsParams}.
 */
export function decodedSql(
  parsed: string,
  fileCount: number,
  located: boolean,
): string {
  const file = located
    ? `list_position([${placeholders(fileCount)}], file)::INTEGER`
    : 'NULL::INTEGER';
  return `WITH parsed AS (${parsed}),
     texts AS (
       SELECT ${file} AS fi, ok, i.data IS NOT NULL AS has_input,
              ${inferenceTimeSql('time_text')} AS inference_time,
              ${payloadTextSql('i.data', 'i.encoding')} AS in_text,
              i.encoding AS in_enc, i.observedContentType AS in_type,
              ${payloadTextSql('o.data', 'o.encoding')} AS out_text,
              o.encoding AS out_enc, o.observedContentType AS out_type
       FROM parsed),
     decoded AS (
       SELECT fi, ok, has_input,
              (inference_time IS NULL OR (inference_time >= ? AND inference_time < ?)) AS in_window,
              in_text, ${payloadKindSql(
                'in_text',
                'in_type',
                'in_enc',
              )} AS in_kind,
              out_text, ${payloadKindSql(
                'out_text',
                'out_type',
                'out_enc',
              )} AS out_kind
       FROM texts)`;
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
  return `${decodedSql(parsed, fileCount, located)}
     SELECT ${
       located ? 'row_number() OVER ()' : 'NULL::BIGINT'
     } AS req_id, fi, ok, has_input, in_window,
            ${payloadRecordsSql('in_text', 'in_kind', 'input')} AS in_recs,
            ${payloadRecordsSql('out_text', 'out_kind', 'output')} AS out_recs
     FROM decoded`;
}

/**
 * The shape of every request, for counting: ok, has_input, in_window and the number of values
 * of each input and output record (in_widths, out_widths; in_widths NULL when the input cannot
 * be decoded). A one-line CSV payload is measured from its commas, without splitting it.
 * Bound parameters: {@link requestsParams} without located files.
 */
export function requestShapesSql(parsed: string, fileCount: number): string {
  const widths = (text: string, kind: string, role: 'input' | 'output') =>
    `CASE WHEN ${isPlainCsvLineSql(
      text,
      kind,
    )} THEN [len(string_split(${text}, ','))]
       ELSE list_transform(${payloadRecordsSql(
         text,
         kind,
         role,
       )}, lambda r: len(r)) END`;
  return `${decodedSql(parsed, fileCount, false)}
     SELECT ok, has_input, in_window,
            ${widths('in_text', 'in_kind', 'input')} AS in_widths,
            ${widths('out_text', 'out_kind', 'output')} AS out_widths
     FROM decoded`;
}

/**
 * The values of the kept records in capture order, one row each (column v, NULL when empty):
 * for each usable request in the window, the records with `inputColumns` input values, each
 * preceded by its first `outputColumns` output values (padded with NULL) when
 * `outputColumns` > 0. A request whose payloads are one-line CSV of the expected widths (the
 * common case) is split once, output and input joined by a comma; any other goes
 * through the general decoding. Bound parameters: {@link requestsParams} without located files.
 */
export function windowValuesSql(
  parsed: string,
  fileCount: number,
  inputColumns: number,
  outputColumns: number,
): string {
  const [w, ow] = [Math.trunc(inputColumns), Math.trunc(outputColumns)];
  // The joined line is split once; it is used as is when both payloads are plain CSV lines
  // with the expected numbers of values.
  const plain =
    ow > 0
      ? `${isPlainCsvLineSql('in_text', 'in_kind')} AND ${isPlainCsvLineSql(
          'out_text',
          'out_kind',
        )}
         AND len(split) = ${
           w + ow
         } AND len(string_split(out_text, ',')) = ${ow}`
      : `${isPlainCsvLineSql('in_text', 'in_kind')} AND len(split) = ${w}`;
  const joined = ow > 0 ? `out_text || ',' || in_text` : 'in_text';
  const record = (k: string) =>
    ow > 0
      ? `list_concat(list_resize(coalesce(out_recs[${k}], []::VARCHAR[]), ${ow}), in_recs[${k}])`
      : `in_recs[${k}]`;
  return `SELECT nullif(unnest(vals), '') AS v FROM (
       SELECT CASE WHEN plain THEN split
                   ELSE flatten(list_transform(
                          list_filter(range(1, len(in_recs) + 1), lambda k: len(in_recs[k]) = ${w}),
                          lambda k: ${record('k')})) END AS vals
       FROM (SELECT split, plain,
                    CASE WHEN NOT plain THEN ${payloadRecordsSql(
                      'in_text',
                      'in_kind',
                      'input',
                    )} END AS in_recs,
                    CASE WHEN NOT plain AND ${ow} > 0 THEN ${payloadRecordsSql(
    'out_text',
    'out_kind',
    'output',
  )} END AS out_recs
             FROM (SELECT *, coalesce(${plain}, false) AS plain
                   FROM (SELECT *, string_split(${joined}, ',') AS split
                         FROM (${decodedSql(parsed, fileCount, false)}
                               SELECT * FROM decoded
                               WHERE ok AND has_input AND in_window AND in_text IS NOT NULL)))))`;
}
