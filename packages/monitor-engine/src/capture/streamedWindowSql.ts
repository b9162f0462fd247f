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
 * text. One regular expression per payload checks that, and the payload's width, at once: a
 * request that does not match (a text among numbers, a quoted value, a line break, another
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
}

/** deequ's Integral and Fractional patterns (dataTypes.ts) without capturing groups. */
const FORM_PATTERNS: Record<NumberForm, string> = {
  integral: '(?:-|\\+)? ?\\d+',
  fractional: '(?:-|\\+)? ?\\d+(?:\\.\\d+|(?:\\.\\d+)?[Ee][-+]?\\d+)',
};
const TEXT_PATTERN = '[^,"\\r\\n]*';

/**
 * Pattern of a payload of values in these places (built from this file's constants, never
 * outside input, so it is inlined). `typical`: each number with a known form has that form
 * and is present; otherwise a number place holds any number or nothing. A lone value must not
 * be empty: a blank payload is not a record.
 */
export function payloadPattern(
  places: readonly Pick<ValuePlace, 'kind' | 'form'>[],
  typical: boolean,
): string {
  const lone = places.length === 1;
  return places
    .map(({ kind, form }) => {
      if (kind === 'text') return TEXT_PATTERN;
      if (typical && form) return FORM_PATTERNS[form];
      return lone ? NUMBER_PATTERN : `(?:${NUMBER_PATTERN})?`;
    })
    .join(',');
}

/** The condition that a payload text has these places (and is not blank when one text). */
function payloadShapeSql(
  text: string,
  places: readonly Pick<ValuePlace, 'kind' | 'form'>[],
  typical: boolean,
): string {
  const matches = `regexp_full_match(${text}, '${payloadPattern(
    places,
    typical,
  )}')`;
  return places.length === 1 && places[0].kind === 'text'
    ? `${matches} AND trim(${text}) <> ''`
    : matches;
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
  };
};

export interface StreamedWindowQuery {
  first: FirstRequestShape;
  paths: readonly string[];
  window: { start: Date; end: Date };
  /** The record's values in order: the output values first when they are columns. */
  places: readonly ValuePlace[];
  /** The input values' places, and the output values' (all of them, columns or not). */
  inputPlaces: readonly Pick<ValuePlace, 'kind' | 'form'>[];
  outputPlaces: readonly Pick<ValuePlace, 'kind' | 'form'>[];
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
 * text place a histogram of its values, and `sample`, a list of the sampled requests' numbers
 * (one list per request, in the order of the number places).
 */
export function streamedWindowSql(query: StreamedWindowQuery): {
  sql: string;
  params: SqlParameter[];
} {
  const { first, paths, window, places } = query;
  const params: SqlParameter[] = [];
  const same = (field: string, param: 'ict' | 'ienc' | 'oct' | 'oenc') => {
    params.push(first[param]);
    return `${field} IS NOT DISTINCT FROM ?::VARCHAR`;
  };
  // Window bounds are Dates turned into ISO text here, never outside input.
  const [start, end] = [window.start, window.end].map(
    d => `TIMESTAMPTZ '${new Date(d.getTime()).toISOString()}'`,
  );
  // Parameters are bound in the order their placeholders appear in the text: the input's
  // content type and encoding, then the output's.
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
    [
      payloadShapeSql('i.data', query.inputPlaces, typical),
      ...(outputs.length ? [payloadShapeSql('o.data', outputs, typical)] : []),
    ].join(' AND ');
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
      if (place.kind === 'text') return `histogram(v${j}) AS ${c.histogram}`;
      return `count(d${j}) AS ${c.present}, count_if(f${j}) AS ${c.fractional},
        sum(d${j}) AS ${c.sum}, min(d${j}) AS ${c.min}, max(d${j}) AS ${c.max},
        stddev_pop(d${j}) AS ${c.stddev}`;
    })
    .join(',\n');
  const sample = numbers.length
    ? `, list([${numbers
        .map(j => `d${j}`)
        .join(', ')}]) FILTER (WHERE sampled) AS sample`
    : ', NULL AS sample';
  const withOutputSplit = outputs.length > 1;
  const sql = `SELECT count(*) AS n, count_if(NOT regular) AS irregular,
      count_if(unread) AS unread,
      ${aggregates}${sample}
    FROM (SELECT regular, ${sampled} AS sampled, ${values}, ${unread} AS unread
          FROM (SELECT *, ${regular} AS regular,
                       string_split(i.data, ',') AS split
                       ${
                         withOutputSplit
                           ? `, string_split(o.data, ',') AS osplit`
                           : ''
                       }
                FROM (SELECT *, ${inferenceTimeSql(
                  'time_text',
                )} AS inference_time, coalesce(${shape(true)}, false) AS typical
                      FROM (${fastParsedSql(paths.length, false)}))))`;
  return { sql, params: [...params, ...paths] };
}
