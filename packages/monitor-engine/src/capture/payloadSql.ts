/**
 * SQL that decodes captured payloads (reference section 1.1) into records, each a list of text
 * values, so a million captured requests decode inside DuckDB without a round trip to JS.
 * Every function returns an SQL expression over other expressions; none embeds outside input.
 *
 * Accepted payloads, as SageMaker's analyzer takes them:
 *  - CSV: one record per line, values separated by commas (a quoted value may hold commas);
 *  - JSON: `{"instances": [...]}`, `{"features": [...]}`, `{"predictions": [...]}` (output),
 *    a bare array, an object of named values, or a scalar. In a list, arrays and objects are one
 *    record each (`{"features": [...]}` objects included); scalars in `instances`/`predictions`
 *    or a bare output array are one record each (TensorFlow Serving style), while a bare input
 *    array of scalars is one record;
 *  - BASE64: decoded first, then read as CSV or JSON by its observed content type.
 */

/** The payload text: base64 is decoded (NULL when it is not valid base64 or not UTF-8). */
export function payloadTextSql(data: string, encoding: string): string {
  return `CASE WHEN upper(${encoding}) = 'BASE64' THEN try(decode(from_base64(${data}))) ELSE ${data} END`;
}

/**
 * 'json' or 'csv': from the content type (when there is one), else the encoding, else the
 * first character that is not white space (a BASE64 payload without a content type).
 */
export function payloadKindSql(
  text: string,
  contentType: string | undefined,
  encoding: string,
): string {
  const byContentType = contentType
    ? `WHEN lower(${contentType}) LIKE '%json%' THEN 'json'
    WHEN lower(${contentType}) LIKE '%csv%' THEN 'csv'`
    : '';
  return `CASE
    ${byContentType}
    WHEN upper(${encoding}) = 'JSON' THEN 'json'
    WHEN upper(${encoding}) = 'CSV' THEN 'csv'
    WHEN left(ltrim(${text}, ' ' || chr(9) || chr(10) || chr(13)), 1) IN ('[', '{') THEN 'json'
    ELSE 'csv' END`;
}

/**
 * The cells of one CSV line. A line without a double quote is split on commas (the common,
 * cheap case). Otherwise quoted cells may hold commas: the comma-separated pieces are joined
 * back while the cell being built starts with a quote and holds an odd number of quotes, the
 * cell boundaries marked with chr(1) (never part of a captured CSV value), then each quoted
 * cell loses its outer quotes and has its doubled quotes undone (RFC 4180).
 */
export function csvCellsSql(line: string): string {
  const current = 'string_split(acc, chr(1))[-1]';
  const open = `(starts_with(${current}, '"') AND (length(${current}) - length(replace(${current}, '"', ''))) % 2 = 1)`;
  return `CASE WHEN NOT contains(${line}, '"') THEN string_split(${line}, ',')
    ELSE list_transform(
      string_split(list_reduce(string_split(${line}, ','),
        lambda acc, piece: CASE WHEN ${open} THEN acc || ',' || piece ELSE acc || chr(1) || piece END), chr(1)),
      lambda c: CASE WHEN length(c) >= 2 AND starts_with(c, '"') AND ends_with(c, '"')
                     THEN replace(c[2:-2], '""', '"') ELSE c END) END`;
}

/** Records of a CSV payload: non-empty lines split into cells. */
function csvRecordsSql(text: string): string {
  return `list_transform(
      list_filter(string_split(replace(${text}, chr(13), ''), chr(10)), lambda r: trim(r) <> ''),
      lambda r: ${csvCellsSql('r')})`;
}

/**
 * True when a payload is one CSV line without quotes (by far the most common capture): its
 * values are then exactly `string_split(text, ',')`.
 */
export function isPlainCsvLineSql(text: string, kind: string): string {
  return `(${kind} = 'csv' AND NOT contains(${text}, chr(10)) AND NOT contains(${text}, chr(13))
      AND NOT contains(${text}, '"') AND trim(${text}) <> '')`;
}

/** One JSON value as a record. */
function jsonRecordSql(element: string): string {
  return `CASE json_type(${element})
      WHEN 'ARRAY' THEN json_extract_string(${element}, '$[*]')
      WHEN 'OBJECT' THEN CASE WHEN json_exists(${element}, '$.features')
                              THEN json_extract_string(${element}, '$.features[*]')
                              ELSE json_extract_string(${element}, '$.*') END
      ELSE [json_extract_string(${element}, '$')] END`;
}

/** Records of a JSON array; `scalarsAreRecords` decides what a list of plain values means. */
function jsonListRecordsSql(list: string, scalarsAreRecords: boolean): string {
  const scalars = scalarsAreRecords
    ? `list_transform(json_extract_string(${list}, '$[*]'), lambda s: [s])`
    : `[json_extract_string(${list}, '$[*]')]`;
  return `CASE
      WHEN json_array_length(${list}) = 0 THEN []::VARCHAR[][]
      WHEN json_type(${list}, '$[0]') IN ('ARRAY', 'OBJECT')
        THEN list_transform(json_extract(${list}, '$[*]'), lambda e: ${jsonRecordSql(
    'e',
  )})
      ELSE ${scalars} END`;
}

/** Records of a JSON payload (NULL when the payload is not valid JSON). */
function jsonRecordsSql(text: string, role: 'input' | 'output'): string {
  const listKey = role === 'input' ? 'instances' : 'predictions';
  return `CASE
      WHEN NOT json_valid(${text}) THEN NULL
      WHEN json_type(${text}) = 'OBJECT' AND json_exists(${text}, '$.${listKey}')
        THEN ${jsonListRecordsSql(
          `json_extract(${text}, '$.${listKey}')`,
          true,
        )}
      WHEN json_type(${text}) = 'OBJECT' AND json_exists(${text}, '$.features')
        THEN [json_extract_string(${text}, '$.features[*]')]
      WHEN json_type(${text}) = 'ARRAY' THEN ${jsonListRecordsSql(
    text,
    role === 'output',
  )}
      WHEN json_type(${text}) = 'OBJECT' THEN [json_extract_string(${text}, '$.*')]
      ELSE [[json_extract_string(${text}, '$')]] END`;
}

/** Records (VARCHAR[][]) of a payload given its decoded text and kind; NULL if undecodable. */
export function payloadRecordsSql(
  text: string,
  kind: string,
  role: 'input' | 'output',
): string {
  // The common case first and cheaply: a one-line CSV payload is one record.
  return `CASE WHEN ${text} IS NULL THEN NULL
    WHEN ${kind} = 'json' THEN ${jsonRecordsSql(text, role)}
    WHEN NOT contains(${text}, chr(10)) AND NOT contains(${text}, chr(13)) AND trim(${text}) <> ''
      THEN [${csvCellsSql(text)}]
    ELSE ${csvRecordsSql(text)} END`;
}
