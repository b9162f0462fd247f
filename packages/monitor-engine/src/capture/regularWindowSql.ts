import { numberFromTextSql, valueTypeCodeSql } from '../baseline/dataTypes';
import {
  wideNumberColumn,
  wideTypeColumn,
  wideValueColumn,
} from '../baseline/wideProfiler';
import type { SqlParameter } from '../sql/SqlEngine';
import { fastParsedSql } from './captureRequestsSql';
import { inferenceTimeSql } from './jsonLineSql';
import { payloadKindSql } from './payloadSql';

/**
 * SQL for the common shape of a capture window, read in one pass: every line a capture
 * record in the window whose input is one plain CSV line (isPlainCsvLineSql) of `w` values and
 * whose output is one plain CSV line of `ow` values (or absent when `ow` is 0), with the
 * content types and encodings of the first request. Such a window needs none of the general
 * decoding (captureRequestsSql.ts): each request is one record, split once into a wide row.
 * The checks are the general decoding's, written so that the common case costs little: the
 * payload kind is settled once from the first request's content type and encoding, and
 * `trim()` (costly on millions of rows) only runs on values that start with a space.
 */

/** What the first request says about the window's shape. */
export interface FirstRequestShape {
  /** Input and output values (0 without output); NULL when the first line is unusable. */
  w: number | null;
  ow: number | null;
  ict: string | null;
  ienc: string | null;
  oct: string | null;
  oenc: string | null;
  /** The content type and encoding make the input (output) plain CSV text, whatever it holds. */
  csv_in: boolean;
  csv_out: boolean;
  /** Type codes (valueTypeCodeSql) of the first request's input and output values. */
  in_codes: number[] | null;
  out_codes: number[] | null;
}

/**
 * How a column's values are kept, chosen from the first request's value (the check after
 * reading says whether the choice held, see {@link storageCheckSql}):
 *  - 'number': a number first; type code and number only (the column must have no text);
 *  - 'text': a text first, so a text column; type code and text only;
 *  - 'both': missing first; type code, number, and the text of values that are not numbers
 *    (the column must not mix numbers and texts);
 *  - 'all': every text is needed (value-domain checks); type code, number and text.
 */
export type ColumnStorage = 'number' | 'text' | 'both' | 'all';

/** True when every column's values matched the storage chosen for it. */
export function storageCheckSql(storage: readonly ColumnStorage[]): string {
  const checks = storage.flatMap((kind, j) => {
    const [numbers, texts] = [
      `bool_or(${wideTypeColumn(j)} IN (1, 2))`,
      `bool_or(${wideTypeColumn(j)} IN (3, 4))`,
    ];
    if (kind === 'number') return [`NOT ${texts}`];
    if (kind === 'text') return [texts];
    if (kind === 'both') return [`NOT (${numbers} AND ${texts})`];
    return [];
  });
  return checks.length ? `coalesce(${checks.join(' AND ')}, false)` : 'true';
}

const csvWhateverText = (type: string, encoding: string) =>
  `coalesce(${payloadKindSql(
    `'{'`,
    type,
    encoding,
  )} = 'csv' AND upper(coalesce(${encoding}, '')) <> 'BASE64', false)`;

const codesSql = (text: string) =>
  `list_transform(string_split(${text}, ','), lambda x: ${valueTypeCodeSql(
    "nullif(x, '')",
  )})`;

/** The first request's shape. Bound parameters: the file paths. */
export function firstRequestShapeSql(fileCount: number): string {
  return `SELECT len(string_split(i.data, ',')) AS w,
            CASE WHEN o.data IS NULL THEN 0 ELSE len(string_split(o.data, ',')) END AS ow,
            i.observedContentType AS ict, i.encoding AS ienc,
            o.observedContentType AS oct, o.encoding AS oenc,
            ${csvWhateverText('i.observedContentType', 'i.encoding')} AS csv_in,
            o.data IS NULL OR ${csvWhateverText(
              'o.observedContentType',
              'o.encoding',
            )} AS csv_out,
            ${codesSql('i.data')} AS in_codes, ${codesSql(
    'o.data',
  )} AS out_codes
     FROM (${fastParsedSql(fileCount, false)}) LIMIT 1`;
}

/** isPlainCsvLineSql for a payload whose kind is known to be CSV. */
function plainLineSql(text: string, hasComma: boolean): string {
  // A line with a comma is never blank, so trim() is only needed without one.
  const notBlank = hasComma
    ? ''
    : ` AND CASE WHEN ${text} <> '' AND NOT starts_with(${text}, ' ') THEN true
                 ELSE trim(${text}) <> '' END`;
  return `NOT contains(${text}, chr(10)) AND NOT contains(${text}, chr(13))
          AND NOT contains(${text}, '"')${notBlank}`;
}

/**
 * One row per request, in capture order: `regular` (the request has the window's common shape;
 * the window is read this way only when all have) and, for each value of the record (the `ow`
 * output values first when `withOutput`, then the `w` input values), its type code t{j}, and
 * as its storage says its number d{j} (numbers only) and text c{j} (NULL when empty).
 */
export function regularWindowSql(
  first: FirstRequestShape,
  paths: readonly string[],
  window: { start: Date; end: Date },
  withOutput: boolean,
  storage: readonly ColumnStorage[],
): { sql: string; params: SqlParameter[] } {
  const [w, ow] = [Math.trunc(Number(first.w)), Math.trunc(Number(first.ow))];
  // Parameters are bound in the order their placeholders appear in the text, which is the
  // order this template is evaluated in. (Joining a one-row table of them instead makes DuckDB
  // read the files on one thread.)
  const params: SqlParameter[] = [];
  const bind = (value: SqlParameter, type: string) => {
    params.push(value);
    return `?::${type}`;
  };
  const same = (field: string, param: 'ict' | 'ienc' | 'oct' | 'oenc') =>
    `${field} IS NOT DISTINCT FROM ${bind(first[param], 'VARCHAR')}`;
  const outputShape = () =>
    ow === 0
      ? 'o.data IS NULL'
      : `${same('o.observedContentType', 'oct')} AND ${same(
          'o.encoding',
          'oenc',
        )} AND ${plainLineSql('o.data', ow > 1)} AND ${
          ow === 1 ? `NOT contains(o.data, ',')` : `len(osplit) = ${ow}`
        }`;
  const cells = [
    ...(withOutput
      ? [...Array(ow).keys()].map(k =>
          ow === 1 ? 'o.data' : `osplit[${k + 1}]`,
        )
      : []),
    ...[...Array(w).keys()].map(k => `split[${k + 1}]`),
  ];
  const values = cells
    .map((cell, j) => `nullif(${cell}, '') AS v${j}`)
    .join(', ');
  // Per value: its type code, and its number and/or text as the column's storage says.
  const typed = cells
    .map((_, j) => {
      const [t, v] = [wideTypeColumn(j), `v${j}`];
      const columns = [t];
      if (storage[j] !== 'text')
        columns.push(
          `CASE WHEN ${t} IN (1, 2) THEN ${numberFromTextSql(
            v,
          )} END AS ${wideNumberColumn(j)}`,
        );
      if (storage[j] === 'text' || storage[j] === 'all')
        columns.push(`${v} AS ${wideValueColumn(j)}`);
      if (storage[j] === 'both')
        columns.push(
          `CASE WHEN ${t} NOT IN (1, 2) THEN ${v} END AS ${wideValueColumn(j)}`,
        );
      return columns.join(', ');
    })
    .join(', ');
  const types = [
    '*',
    ...cells.map(
      (_, j) =>
        `${valueTypeCodeSql(`v${j}`)}::UTINYINT AS ${wideTypeColumn(j)}`,
    ),
  ].join(', ');
  const sql = `SELECT regular, ${typed} FROM (SELECT ${types} FROM (
       SELECT coalesce(ok AND i.data IS NOT NULL
                       AND (inference_time IS NULL
                            OR (inference_time >= ${bind(
                              window.start,
                              'TIMESTAMPTZ',
                            )} AND inference_time < ${bind(
    window.end,
    'TIMESTAMPTZ',
  )}))
                       AND ${same('i.observedContentType', 'ict')} AND ${same(
    'i.encoding',
    'ienc',
  )}
                       AND ${plainLineSql(
                         'i.data',
                         w > 1,
                       )} AND len(split) = ${w}
                       AND ${outputShape()}, false) AS regular,
              ${values}
       FROM (SELECT *, ${inferenceTimeSql('time_text')} AS inference_time,
                    string_split(i.data, ',') AS split
                    ${ow > 1 ? `, string_split(o.data, ',') AS osplit` : ''}
             FROM (${fastParsedSql(paths.length, false)}))))`;
  return { sql, params: [...params, ...paths] };
}
