import { SqlEngine } from '../sql/SqlEngine';
import {
  captureJoinIdSql,
  EVENT_ID_PATH,
  INFERENCE_TIME_PATH,
  inferenceTimeSql,
  lineFieldSql,
  numberedLinesSql,
} from '../capture/jsonLineSql';
import { payloadKindSql, payloadTextSql } from '../capture/payloadSql';
import { AttributeAddress, extractAttributeSql } from './attributeExtraction';

/**
 * Loads capture and ground-truth JSON Lines files into temporary tables, one row per non-blank
 * line, with the fields the merge needs and a `problem` text for lines that cannot be used.
 * Lines are read as text (see capture/jsonLineSql.ts) so that every bad line is counted and
 * can be named by file and line number; payloads are decoded as the data-quality scan does.
 */

const field = (path: string) => lineFieldSql('line', path);

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
  const payload = payloadTextSql('output_data', 'output_encoding');
  const isJson = `(${payloadKindSql(payload, 'output_content_type', 'output_encoding')} = 'json')`;
  const extract = (address: AttributeAddress | undefined) =>
    address ? extractAttributeSql(address, payload, isJson) : 'CAST(NULL AS VARCHAR)';
  await engine.query(
    `CREATE TEMP TABLE ${table} AS
     SELECT filename, line_number, line, ${captureJoinIdSql('line')} AS join_id, inference_time,
       ${extract(attributes.inference)} AS inference,
       ${extract(attributes.probability)} AS probability,
       CASE WHEN NOT json_valid(line) THEN 'invalid JSON'
         WHEN event_id IS NULL OR event_id = '' THEN 'missing eventMetadata.eventId'
         WHEN inference_time IS NULL THEN 'missing or invalid eventMetadata.inferenceTime'
         WHEN output_data IS NULL THEN 'missing captureData.endpointOutput.data'
       END AS problem
     FROM (
       SELECT *, ${field(EVENT_ID_PATH)} AS event_id,
         ${inferenceTimeSql(field(INFERENCE_TIME_PATH))} AS inference_time,
         ${field('$.captureData.endpointOutput.data')} AS output_data,
         ${field('$.captureData.endpointOutput.encoding')} AS output_encoding,
         ${field('$.captureData.endpointOutput.observedContentType')} AS output_content_type
       FROM (${numberedLinesSql(files.length)}))`,
    [...files],
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
     SELECT ${captureJoinIdSql('line')} AS join_id,
       ${inferenceTimeSql(field(INFERENCE_TIME_PATH))} AS inference_time
     FROM (${numberedLinesSql(files.length)})`,
    [...files],
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
  const payload = payloadTextSql('gt_data', 'gt_encoding');
  // Ground truth has no content type: a BASE64 label is JSON when it looks like JSON.
  const isJson = `(${payloadKindSql(payload, undefined, 'gt_encoding')} = 'json')`;
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
         SELECT *, ${field(EVENT_ID_PATH)} AS event_id,
           ${field('$.groundTruthData.data')} AS gt_data,
           ${field('$.groundTruthData.encoding')} AS gt_encoding
         FROM (${numberedLinesSql(files.length)})))`,
    [...files],
  );
}
