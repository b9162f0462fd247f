import { quoteString } from '../sql/sqlText';

/**
 * SQL that picks one attribute (inference, probability, label) out of a captured payload, the
 * way SageMaker's attributes address endpoint output:
 *   CSV output   — a zero-based column index, `0` or Spark's `_c0`;
 *   JSON output  — a path into the document, `score`, `predictions[0].score` or `$.score`;
 *                  an index addresses a JSON array, and index 0 also a bare JSON scalar.
 * The payload is decoded first and read as CSV or JSON as capture/payloadSql.ts decides.
 */
export interface AttributeAddress {
  csvIndex?: number;
  jsonPath: string;
}

export function attributeAddress(attribute: string): AttributeAddress {
  const index = /^(?:_c)?(\d+)$/.exec(attribute.trim())?.[1];
  if (index !== undefined) return { csvIndex: Number(index), jsonPath: `$[${index}]` };
  const path = attribute.trim();
  if (!/^[$A-Za-z_[]/.test(path) || /['\\]/.test(path)) {
    throw new Error(
      `Invalid attribute '${attribute}': use a CSV column index (0, _c0) or a JSON path (score, predictions[0].score)`,
    );
  }
  return { jsonPath: path.startsWith('$') ? path : `$.${path}` };
}

/** The attribute's value as text, NULL when the payload does not have it. */
export function extractAttributeSql(
  address: AttributeAddress,
  payload: string,
  isJson: string,
): string {
  const json = `CASE WHEN json_valid(${payload}) THEN ${
    address.csvIndex === 0
      ? `coalesce(json_extract_string(${payload}, '$[0]'),
           CASE WHEN json_type(${payload}) NOT IN ('OBJECT', 'ARRAY') THEN json_extract_string(${payload}, '$') END)`
      : `json_extract_string(${payload}, ${quoteString(address.jsonPath)})`
  } END`;
  const csv =
    address.csvIndex === undefined
      ? 'CAST(NULL AS VARCHAR)'
      : `nullif(trim(split_part(trim(${payload}, ' ' || chr(10) || chr(13)), ',', ${address.csvIndex + 1})), '')`;
  return `CASE WHEN ${isJson} THEN ${json} ELSE ${csv} END`;
}
