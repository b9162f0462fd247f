import { LINES_READER_OPTIONS } from '../baseline/datasetTable';

/**
 * The queries the benchmark (benchEngine.ts) measures the job against, by `kind`, each over
 * the same capture files, bound as `fileCount` parameters:
 *   - 'scan-payload', the reference: every JSON line parsed, the request and response payloads
 *     (observedContentType, data, encoding) and eventMetadata.inferenceTime extracted;
 *   - 'scan-text': every line as opaque text (a lower bound no consumer can reach);
 *   - 'scan-inferred': read_json's count(*) with the schema inferred (a flattering reference);
 *   - 'scan-floor': the least any SQL profile of the values costs: the payload scan, each
 *     input payload split into its `inputWidth` cells, each cell and the output cast to a
 *     number, and count, sum, min, max and population standard deviation of each. Nothing the
 *     job must also do is in it: no check of the requests' shape, of deequ's number grammar,
 *     of the window's time or of the content types, no text value counts, no sample or
 *     sketch, no report written.
 */
const PAYLOAD =
  'STRUCT(observedContentType VARCHAR, data VARCHAR, encoding VARCHAR)';

const payloadRead = (list: string) =>
  `read_json([${list}], format = 'newline_delimited',
     columns = {captureData: 'STRUCT(endpointInput ${PAYLOAD}, endpointOutput ${PAYLOAD})',
                eventMetadata: 'STRUCT(inferenceTime VARCHAR)'})`;

/** The floor's aggregates: a few sums of them, so that DuckDB computes every one. */
function floorSql(list: string, inputWidth: number): string {
  const cells = [
    'captureData.endpointOutput.data',
    ...Array.from(
      { length: Math.trunc(inputWidth) },
      (_, k) => `split[${k + 1}]`,
    ),
  ];
  const numbers = cells.map(
    (cell, j) => `TRY_CAST(${cell} AS DOUBLE) AS d${j}`,
  );
  const each = (aggregate: string) =>
    cells.map((_, j) => `coalesce(${aggregate}(d${j}), 0)`).join(' + ');
  return `SELECT count(*) AS lines, ${each('count')} AS numbers,
      ${each('sum')} + ${each('min')} + ${each('max')} + ${each(
    'stddev_pop',
  )} AS checksum
    FROM (SELECT ${numbers.join(', ')}
          FROM (SELECT *, string_split(captureData.endpointInput.data, ',') AS split
                FROM ${payloadRead(list)}))`;
}

export function referenceScanSql(
  kind: string,
  fileCount: number,
  inputWidth: number,
): string {
  const list = Array(fileCount).fill('?').join(', ');
  switch (kind) {
    case 'scan-payload':
      return `SELECT count(*) AS lines,
          sum(length(captureData.endpointInput.data)) AS input_chars,
          sum(length(captureData.endpointOutput.data)) AS output_chars,
          count(captureData.endpointInput.observedContentType)
            + count(captureData.endpointInput.encoding)
            + count(captureData.endpointOutput.observedContentType)
            + count(captureData.endpointOutput.encoding) AS descriptors,
          count(eventMetadata.inferenceTime) AS times
        FROM ${payloadRead(list)}`;
    case 'scan-text':
      // The total length makes DuckDB produce every line's text (a bare count(*) of lines only
      // looks for line breaks).
      return `SELECT count(*) AS lines, sum(length(line)) AS chars
        FROM read_csv([${list}], ${LINES_READER_OPTIONS})`;
    case 'scan-inferred':
      return `SELECT count(*) AS lines FROM read_json([${list}], format = 'newline_delimited')`;
    case 'scan-floor':
      return floorSql(list, inputWidth);
    default:
      throw new Error(`Unknown scan ${kind}`);
  }
}
