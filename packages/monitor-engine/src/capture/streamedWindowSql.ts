import { NUMBER_PATTERN } from '../baseline/dataTypes';
import type { SqlParameter } from '../sql/SqlEngine';
import { fastParsedSql } from './captureRequestsSql';
import { inferenceTimeSql } from './jsonLineSql';
import type { FirstRequestShape } from './regularWindowSql';

/**
 * SQL of the streamed profile of a capture window (see streamedWindowProfile.ts): one
 * aggregate over the capture files, read once by DuckDB's JSON reader, that both checks that
 * every request has the window's common shape and computes what statistics.json needs. Nothing
 * is stored on the way: the only state is the aggregates', a fixed-size sample of the numbers
 * and the value counts of the text columns.
 *
 * Each value's place in the record says how it is read, from the baseline's type for that
 * column: a number place must hold a number in deequ's grammar or nothing, a text place any
 * text. One regular expression over both payloads of a request checks that, and their widths,
 * at once: a request that does not match (a text among numbers, a quoted value, a line break, another
 * width) makes the window irregular, and the caller reads it the general way. The numbers are
 * then read by a cast whose every success is known to be a number deequ would also see; the
 * one form the cast rejects that deequ accepts (a sign, a space, digits) is counted as
 * `unread`, which must be 0: every value that is not a number is then an empty one.
 */

export type PlaceKind = 'number' | 'text';

/** How the window's first request writes a number: what most requests are expected to do. */
export type NumberForm = 'integral' | 'fractional';

/** A value's place in the record: its SQL text and how it is read. */
export interface ValuePlace {
  kind: PlaceKind;
  /** SQL of the value's text in the split payload (never outside input). */
  cell: string;
  /** For a number, its form in the first request (none when it was missing there). */
  form?: NumberForm;
  /**
   * For a text, the values to count one by one (the baseline's): a count per value keeps the
   * aggregate a plain one. Without them every value is counted in a histogram, which makes
   * DuckDB aggregate the whole row in a hash table (about twice the aggregate's cost).
   */
  values?: readonly string[];
}

/** deequ's Integral and Fractional patterns (dataTypes.ts) without capturing groups. */
const FORM_PATTERNS: Record<NumberForm, string> = {
  integral: '(?:-|\\+)? ?\\d+',
  fractional: '(?:-|\\+)? ?\\d+(?:\\.\\d+|(?:\\.\\d+)?[Ee][-+]?\\d+)',
};
const TEXT_PATTERN = '[^,"\\r\\n]*';

/** A place as the shape check sees it. */
type ShapePlace = Pick<ValuePlace, 'kind' | 'form' | 'values'>;

/**
 * Patterns of a payload's values in these places, one per place (built from this file's
 * constants, never outside input, so they are inlined), to be joined by ','. `typical`: each
 * number with a known form has that form and is present; otherwise a number place holds any
 * number or nothing. A lone value must not be empty: a blank payload is not a record.
 */
function placePatterns(
  places: readonly ShapePlace[],
  typical: boolean,
): string[] {
  const lone = places.length === 1;
  return places.map(({ kind, form }) => {
    if (kind === 'text') return TEXT_PATTERN;
    if (typical && form) return FORM_PATTERNS[form];
    return lone ? NUMBER_PATTERN : `(?:${NUMBER_PATTERN})?`;
  });
}

/**
 * Whether a text place's values are all known ones that could never hide a field or record
 * boundary: such a place at the end of the input needs no look in a typical request. A value
 * other than these is counted as unknown, and the window is then read again with every text
 * place checked (streamedWindowProfile.ts), so a request is never taken as regular on the
 * strength of a text it did not check.
 */
const isKnownPlainText = ({ kind, values }: ShapePlace) =>
  kind === 'text' && !!values && values.every(v => !/[,"\r\n]/.test(v));

/**
 * The condition that a request's `io` text (its output payload or nothing, the field
 * separator, its input payload: see {@link REQUEST_TEXT}) has these output and input places,
 * a lone text payload not blank. One match of both payloads, not one each: a match costs some
 * 25-50 ns before its first character, then about 3 ns a character. So a typical request is
 * matched only up to its last input place that needs a look: the known texts after it (a
 * category column, often last) are left out of the match, and their count is checked on the
 * split input.
 */
function requestShapeSql(
  inputs: readonly ShapePlace[],
  outputs: readonly ShapePlace[],
  typical: boolean,
): string {
  let checked = inputs.length;
  while (typical && checked > 0 && isKnownPlainText(inputs[checked - 1]))
    checked--;
  const output = `${placePatterns(outputs, typical).join(',')}\\r`;
  const input = placePatterns(inputs, typical);
  const matches =
    checked === inputs.length
      ? `regexp_full_match(io, '${output}${input.join(',')}')`
      : // Anchored at the start only: RE2 stops at the first match.
        `regexp_matches(io, '^${output}${input
          .slice(0, checked)
          .map(pattern => `${pattern},`)
          .join('')}') AND len(split) = ${inputs.length}`;
  const blank = (places: typeof inputs, text: string) =>
    places.length === 1 && places[0].kind === 'text'
      ? [`trim(${text}) <> ''`]
      : [];
  return [
    matches,
    ...blank(inputs, 'i.data'),
    ...blank(outputs, 'o.data'),
  ].join(' AND ');
}

/** Column names of place j in the aggregate row. */
export const streamedColumns = (j: number) => {
  const k = Math.trunc(j);
  return {
    present: `p${k}`,
    fractional: `fr${k}`,
    sum: `sum${k}`,
    min: `mn${k}`,
    max: `mx${k}`,
    stddev: `sd${k}`,
    histogram: `h${k}`,
    /** Count of the place's m-th value to count (ValuePlace.values). */
    valueCount: (m: number) => `tc${k}_${Math.trunc(m)}`,
  };
};

/**
 * Separators of the sample text: never in a regular request's payloads (placePatterns; a text
 * left out of the match is one of its known values, isKnownPlainText).
 */
const SAMPLE_ROW_SEPARATOR = 'chr(10)';
const SAMPLE_FIELD_SEPARATOR = 'chr(13)';

/**
 * A request as one text: its output payload (none without output), the field separator and
 * its input payload. Both payloads are checked by one match of this text, and a sampled request
 * keeps it as it is. The input comes last so that the match can stop before its last places.
 */
const REQUEST_TEXT = `coalesce(o.data, '') || ${SAMPLE_FIELD_SEPARATOR} || i.data`;

export interface StreamedWindowQuery {
  first: FirstRequestShape;
  paths: readonly string[];
  window: { start: Date; end: Date };
  /** The record's values in order: the output values first when they are columns. */
  places: readonly ValuePlace[];
  /** The input values' places, and the output values' (all of them, columns or not). */
  inputPlaces: readonly ShapePlace[];
  outputPlaces: readonly ShapePlace[];
  /**
   * Requests whose hash is below this out of {@link SAMPLE_HASH_BUCKETS} give their numbers to
   * the sample; 'all' keeps every request's.
   */
  keep: number | 'all';
}

/** The hash of a request is reduced modulo this before comparing with `keep`. */
export const SAMPLE_HASH_BUCKETS = 1048576;

/**
 * One row: n (requests), irregular (requests not of the common shape), unread (requests with
 * a non-empty number text the cast did not read), per number place the
 * present and fractional counts, sum, min, max and population standard deviation, per
 * text place its present count and the count of each of its values to count, or a histogram
 * of all its values, and `sample`, the sampled requests' payloads as one text (read back by
 * sampledRowsSql). Every aggregate but the histogram is a plain one (no list or map state), so
 * DuckDB keeps one state per thread instead of a hash table of groups.
 */
export function streamedWindowSql(query: StreamedWindowQuery): {
  sql: string;
  params: SqlParameter[];
} {
  const { first, paths, window, places } = query;
  // Parameters are bound in the order their placeholders appear in the text: the values to
  // count (in the aggregates), the content types and encodings (in the subquery), the files.
  const valueParams: SqlParameter[] = [];
  const params: SqlParameter[] = [];
  const same = (field: string, param: 'ict' | 'ienc' | 'oct' | 'oenc') => {
    params.push(first[param]);
    return `${field} IS NOT DISTINCT FROM ?::VARCHAR`;
  };
  // Window bounds are Dates turned into ISO text here, never outside input.
  const [start, end] = [window.start, window.end].map(
    d => `TIMESTAMPTZ '${new Date(d.getTime()).toISOString()}'`,
  );
  // The input's content type and encoding, then the output's.
  const input = `${same('i.observedContentType', 'ict')} AND ${same(
    'i.encoding',
    'ienc',
  )}`;
  const outputs = query.outputPlaces;
  const output =
    outputs.length === 0
      ? 'o.data IS NULL'
      : `${same('o.observedContentType', 'oct')} AND ${same(
          'o.encoding',
          'oenc',
        )}`;
  // A typical request (every number in the first request's form) needs no look at each
  // value's text; any other is checked against the general pattern. CASE, not OR: in a
  // projection DuckDB computes both sides of an OR on every row, a CASE branch only on the rows
  // that take it (the same below).
  const shape = (typical: boolean) =>
    requestShapeSql(query.inputPlaces, outputs, typical);
  const regular = `coalesce(ok AND i.data IS NOT NULL
      AND (inference_time IS NULL OR (inference_time >= ${start} AND inference_time < ${end}))
      AND ${input} AND ${output}
      AND CASE WHEN typical THEN true ELSE ${shape(false)} END, false)`;
  const numbers = places.flatMap((p, j) => (p.kind === 'number' ? [j] : []));
  const sampled =
    query.keep === 'all'
      ? 'true'
      : `hash(i.data, time_text) % ${SAMPLE_HASH_BUCKETS} < ${Math.trunc(
          query.keep,
        )}`;
  // Per place: a number d and whether it is written as a fraction f (a '.' or an exponent:
  // deequ's Fractional, given the pattern matched; in a typical request, the form says it); a
  // text's value v.
  const values = places
    .map((place, j) => {
      if (place.kind === 'text') return `nullif(${place.cell}, '') AS v${j}`;
      const s = place.cell;
      const fraction = `CASE WHEN contains(${s}, '.') THEN true
               ELSE contains(${s}, 'e') OR contains(${s}, 'E') END`;
      return `TRY_CAST(${s} AS DOUBLE) AS d${j}, ${
        place.form
          ? `CASE WHEN typical THEN ${
              place.form === 'fractional'
            } ELSE ${fraction} END`
          : fraction
      } AS f${j}`;
    })
    .join(',\n');
  const unread = numbers.length
    ? numbers
        .map(
          j =>
            `CASE WHEN d${j} IS NULL THEN ${places[j].cell} <> '' ELSE false END`,
        )
        .join(' OR ')
    : 'false';
  const aggregates = places
    .map((place, j) => {
      const c = streamedColumns(j);
      if (place.kind === 'text') {
        if (!place.values) return `histogram(v${j}) AS ${c.histogram}`;
        const counts = place.values.map((value, m) => {
          valueParams.push(value);
          return `count_if(v${j} = ?::VARCHAR) AS ${c.valueCount(m)}`;
        });
        return [`count(v${j}) AS ${c.present}`, ...counts].join(', ');
      }
      return `count(d${j}) AS ${c.present}, count_if(f${j}) AS ${c.fractional},
        sum(d${j}) AS ${c.sum}, min(d${j}) AS ${c.min}, max(d${j}) AS ${c.max},
        stddev_pop(d${j}) AS ${c.stddev}`;
    })
    .join(',\n');
  // The sampled requests' payloads as they are (cheaper than a list of their numbers, which
  // would also need a hash table); read back only when every request was regular.
  const sample = numbers.length
    ? `, string_agg(sampled_text, ${SAMPLE_ROW_SEPARATOR}) AS sample`
    : ', NULL AS sample';
  const withOutputSplit = outputs.length > 1;
  const sql = `SELECT count(*) AS n, count_if(NOT regular) AS irregular,
      count_if(unread) AS unread,
      ${aggregates}${sample}
    FROM (SELECT regular, CASE WHEN ${sampled} THEN io END AS sampled_text,
                 ${values}, ${unread} AS unread
          FROM (SELECT *, ${regular} AS regular
                FROM (SELECT *, ${inferenceTimeSql(
                  'time_text',
                )} AS inference_time, coalesce(${shape(true)}, false) AS typical
                      FROM (SELECT *, ${REQUEST_TEXT} AS io, string_split(i.data, ',') AS split
                                   ${
                                     withOutputSplit
                                       ? `, string_split(o.data, ',') AS osplit`
                                       : ''
                                   }
                            FROM (${fastParsedSql(paths.length, false)})))))`;
  return { sql, params: [...valueParams, ...params, ...paths] };
}

/**
 * The sampled requests' numbers, one row per request with a column d{j} per number place j,
 * read back from the aggregate's `sample` text by the same cells and cast as the aggregate.
 */
export function sampledRowsSql(
  aggregate: string,
  places: readonly ValuePlace[],
  outputCount: number,
): string {
  const numbers = places.flatMap((place, j) =>
    place.kind === 'number'
      ? [`TRY_CAST(${place.cell} AS DOUBLE) AS d${j}`]
      : [],
  );
  return `SELECT ${numbers.join(', ')}
    FROM (SELECT string_split(fields[2], ',') AS split, {'data': fields[1]} AS o
                 ${
                   outputCount > 1
                     ? ", string_split(fields[1], ',') AS osplit"
                     : ''
                 }
          FROM (SELECT string_split(lines[k], ${SAMPLE_FIELD_SEPARATOR}) AS fields
                -- Unnesting the positions, not the texts: DuckDB unnests a long list of
                -- texts on one thread, several times slower.
                FROM (SELECT lines, unnest(range(1, len(lines) + 1)) AS k
                      FROM (SELECT string_split(sample, ${SAMPLE_ROW_SEPARATOR}) AS lines
                            FROM ${aggregate} WHERE sample IS NOT NULL))))`;
}
