import { SqlEngine } from '../sql/SqlEngine';
import {
  AttributeAddress,
  decodedPayloadSql,
  extractAttributeSql,
  payloadIsJsonSql,
} from './attributeExtraction';
import { stringList } from './sqlText';

/**
 * Loads capture and ground-truth JSON Lines files into temporary tables, one row per non-blank
 * line, with the fields the merge needs and a `problem` text for lines that cannot be used.
 * Lines are read as text (not with a JSON reader that skips bad lines) so that every bad line
 * is counted and can be named by file and line number.
 */

function linesSql(files: readonly string[]): string {
  if (files.length === 0) {
    return `SELECT CAST(NULL AS VARCHAR) AS filename, CAST(NULL AS BIGINT) AS line_number,
      CAST(NULL AS VARCHAR) AS line WHERE false`;
  }
  // One file is held as one string while it is split; capture files cover about a minute.
  return `SELECT filename, line_number, rtrim(line, chr(13)) AS line FROM (
      SELECT filename, generate_subscripts(string_split(content, chr(10)), 1) AS line_number,
        unnest(string_split(content, chr(10))) AS line
      FROM read_text(${stringList(files)}))
    WHERE trim(line) <> ''`;
}

const json = (path: string) => `CASE WHEN json_valid(line) THEN json_extract_string(line, '${path}') END`;

/**
 * Capture table: filename, line_number, line, join_id (inferenceId if present, else eventId),
 * inference_time, inference, probability, problem.
 */
export async function createCaptureTable(
  engine: SqlEngine,
  table: string,
  files: readonly string[],
  attributes: { inference?: AttributeAddress; probability?: AttributeAddress },
): Promise<void> {
  const payload = decodedPayloadSql('output_data', 'output_encoding');
  const isJson = payloadIsJsonSql('output_encoding', 'output_content_type');
  const extract = (address: AttributeAddress | undefined) =>
    address ? extractAttributeSql(address, payload, isJson) : 'CAST(NULL AS VARCHAR)';
  await engine.query(
    `CREATE TEMP TABLE ${table} AS
     SELECT filename, line_number, line, coalesce(inference_id, event_id) AS join_id, inference_time,
       ${extract(attributes.inference)} AS inference,
       ${extract(attributes.probability)} AS probability,
       CASE WHEN NOT json_valid(line) THEN 'invalid JSON'
         WHEN event_id IS NULL OR event_id = '' THEN 'missing eventMetadata.eventId'
         WHEN inference_time IS NULL THEN 'missing or invalid eventMetadata.inferenceTime'
         WHEN output_data IS NULL THEN 'missing captureData.endpointOutput.data'
       END AS problem
     FROM (
       SELECT *, ${json('$.eventMetadata.eventId')} AS event_id,
         ${json('$.eventMetadata.inferenceId')} AS inference_id,
         TRY_CAST(${json('$.eventMetadata.inferenceTime')} AS TIMESTAMPTZ) AS inference_time,
         ${json('$.captureData.endpointOutput.data')} AS output_data,
         ${json('$.captureData.endpointOutput.encoding')} AS output_encoding,
         ${json('$.captureData.endpointOutput.observedContentType')} AS output_content_type
       FROM (${linesSql(files)}))`,
  );
}

/** Ids and times only, for capture files read just to tell which window a label belongs to. */
export async function createCaptureIdTable(
  engine: SqlEngine,
  table: string,
  files: readonly string[],
): Promise<void> {
  await engine.query(
    `CREATE TEMP TABLE ${table} AS
     SELECT coalesce(${json('$.eventMetadata.inferenceId')}, ${json('$.eventMetadata.eventId')}) AS join_id,
       TRY_CAST(${json('$.eventMetadata.inferenceTime')} AS TIMESTAMPTZ) AS inference_time
     FROM (${linesSql(files)})`,
  );
}

/**
 * Ground-truth table: filename, line_number, line, event_id, label, problem. A CSV label is the
 * data itself; a JSON label is addressed by `labelAddress`, else a bare scalar or `label` key.
 * With `numericLabels` (regression) a label that is not a number is a problem too.
 */
export async function createGroundTruthTable(
  engine: SqlEngine,
  table: string,
  files: readonly string[],
  options: { labelAddress?: AttributeAddress; numericLabels: boolean },
): Promise<void> {
  const payload = decodedPayloadSql('gt_data', 'gt_encoding');
  const isJson = `(gt_encoding = 'JSON' OR (gt_encoding = 'BASE64' AND json_valid(${payload})
    AND json_type(${payload}) IN ('OBJECT', 'ARRAY')))`;
  const jsonLabel = options.labelAddress
    ? extractAttributeSql(options.labelAddress, payload, 'true')
    : `CASE WHEN json_valid(${payload}) THEN coalesce(
         CASE WHEN json_type(${payload}) NOT IN ('OBJECT', 'ARRAY') THEN json_extract_string(${payload}, '$') END,
         json_extract_string(${payload}, '$.label')) END`;
  const label = `nullif(trim(CASE WHEN ${isJson} THEN ${jsonLabel} ELSE ${payload} END), '')`;
  await engine.query(
    `CREATE TEMP TABLE ${table} AS
     SELECT filename, line_number, line, event_id, label,
       CASE WHEN NOT json_valid(line) THEN 'invalid JSON'
         WHEN event_id IS NULL OR event_id = '' THEN 'missing eventMetadata.eventId'
         WHEN gt_data IS NULL THEN 'missing groundTruthData.data'
         WHEN label IS NULL THEN 'no label in groundTruthData.data'
         ${options.numericLabels ? `WHEN NOT isfinite(TRY_CAST(label AS DOUBLE)) OR TRY_CAST(label AS DOUBLE) IS NULL THEN 'label ''' || label || ''' is not a number'` : ''}
       END AS problem
     FROM (
       SELECT *, ${label} AS label FROM (
         SELECT *, ${json('$.eventMetadata.eventId')} AS event_id,
           ${json('$.groundTruthData.data')} AS gt_data,
           ${json('$.groundTruthData.encoding')} AS gt_encoding
         FROM (${linesSql(files)})))`,
  );
}
