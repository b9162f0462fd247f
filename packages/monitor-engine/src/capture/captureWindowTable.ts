import type { SqlEngine, SqlParameter } from '../sql/SqlEngine';
import {
  fastParsedSql,
  requestShapesSql,
  requestsParams,
  requestsSql,
  robustParsedSql,
  windowValuesSql,
} from './captureRequestsSql';
import {
  isCaptureRecordSql,
  numberedLinesSql,
  placeholders,
} from './jsonLineSql';

/**
 * Turns the capture files of one window into a query of decoded records. The scan and
 * the decoding run in SQL (files read as text lines, json_valid, json_extract, from_base64,
 * string_split/unnest). Bad input never fails the scan: malformed lines, requests without an
 * input payload, undecodable payloads, records outside the window and records with the wrong
 * number of columns are counted, and the first few are described with file and line.
 */

/** One capture file to scan: the local path DuckDB reads, and the name shown in messages. */
export interface CaptureFile {
  path: string;
  name: string;
}

export interface CaptureProblem {
  file: string;
  line?: number;
  reason: string;
}

/** What the scan saw, for the execution report. */
export interface CaptureScanReport {
  files: number;
  /** Non-empty lines. */
  lines: number;
  malformedLines: number;
  requestsWithoutInput: number;
  undecodablePayloads: number;
  requestsOutsideWindow: number;
  /** Records decoded from the requests in the window. */
  decodedRecords: number;
  /** Records whose input has another number of values than most records; left out. */
  wrongColumnCount: number;
  /** Requests whose output holds a different number of records than their input. */
  outputRecordMismatch: number;
  /** Records kept for the analysis. */
  records: number;
  /** The first few problems, with file and line. */
  problems: CaptureProblem[];
}

export interface CaptureScan {
  /**
   * A query (rid, in_vals VARCHAR[], out_vals VARCHAR[]) of the records kept, with its bound
   * parameters; rid orders the records as captured. Reading it decodes the files again.
   */
  records: {
    sql: string;
    params: SqlParameter[];
    /**
     * The same records without rid, still in capture order (DuckDB keeps insertion order):
     * numbering costs a serial step, which the bulk reader does without.
     */
    unnumberedSql: string;
    unnumberedParams: SqlParameter[];
  };
  /**
   * The values of the kept records in capture order, one row per value (column v, NULL when
   * empty), each record's `outputColumns` output values (when asked for) before its input
   * values: what a window table is made of, decoded in one pass.
   */
  values(withOutput: boolean): { sql: string; params: SqlParameter[] };
  /** Number of input values per kept record (the most common count). */
  inputColumns: number;
  /** Number of output values per kept record (the most common count; 0 without output). */
  outputColumns: number;
  report: CaptureScanReport;
}

const MAX_PROBLEMS = 5;
/** rid = request number * RECORD_SLOTS + record number within the request. */
const RECORD_SLOTS = 16777216;
const USABLE = 'ok AND has_input AND in_recs IS NOT NULL AND in_window';

/** Counts of one record width (NULL: the requests that gave no usable record). */
interface WidthRow {
  width: number | null;
  n: number;
  out_width: number | null;
  lines: number;
  malformed: number;
  without_input: number;
  undecodable: number;
  outside: number;
  mismatch: number;
}

/**
 * Scans the window's capture files once to count what they hold and what is left out, and
 * returns the query of the records kept. Nothing the size of the window is kept in memory: the
 * caller reads the records query once, into the table it analyses.
 */
export async function scanCaptureFiles(
  engine: SqlEngine,
  files: readonly CaptureFile[],
  window: { start: Date; end: Date },
): Promise<CaptureScan> {
  const emptyReport: CaptureScanReport = {
    files: files.length,
    lines: 0,
    malformedLines: 0,
    requestsWithoutInput: 0,
    undecodablePayloads: 0,
    requestsOutsideWindow: 0,
    decodedRecords: 0,
    wrongColumnCount: 0,
    outputRecordMismatch: 0,
    records: 0,
    problems: [],
  };
  if (files.length === 0) {
    return {
      records: {
        sql: 'SELECT 0::BIGINT AS rid, []::VARCHAR[] AS in_vals, []::VARCHAR[] AS out_vals LIMIT 0',
        unnumberedSql:
          'SELECT []::VARCHAR[] AS in_vals, []::VARCHAR[] AS out_vals LIMIT 0',
        params: [],
        unnumberedParams: [],
      },
      values: () => ({
        sql: 'SELECT NULL::VARCHAR AS v LIMIT 0',
        params: [],
      }),
      inputColumns: 0,
      outputColumns: 0,
      report: emptyReport,
    };
  }

  // Lines → requests with the fast reader; if any line is malformed, again with the
  // line-by-line reader, because a truncated JSON line can swallow the line after it.
  const paths = files.map(f => f.path);
  const params = requestsParams(paths, window);
  const bulkParams = requestsParams(paths, window, false);
  let parsed = fastParsedSql(files.length);
  let widths = await countWidths(
    engine,
    requestShapesSql(parsed, files.length),
    bulkParams,
  );
  const total = (key: keyof WidthRow) =>
    widths.reduce((sum, w) => sum + Number(w[key] ?? 0), 0);
  if (total('malformed') > 0) {
    parsed = robustParsedSql(files.length);
    widths = await countWidths(
      engine,
      requestShapesSql(parsed, files.length),
      bulkParams,
    );
  }
  const requests = requestsSql(parsed, files.length);

  // The most common input width decides which records are kept.
  const records = widths.filter(w => w.width !== null);
  const inputColumns = Number(records[0]?.width ?? 0);
  const outputColumns = Number(records[0]?.out_width ?? 0);
  const decoded = records.reduce((sum, w) => sum + Number(w.n), 0);
  const kept = Number(records[0]?.n ?? 0);

  const problems: (Omit<CaptureProblem, 'file'> & {
    file: number | string;
  })[] =
    total('without_input') + total('undecodable') + (decoded - kept) > 0
      ? await describeProblems(engine, requests, params, inputColumns)
      : [];
  if (total('malformed') > 0) {
    problems.unshift(...(await describeMalformedLines(engine, files)));
  }
  return {
    // The width is a count computed by the engine, inlined as a literal.
    records: {
      sql: `SELECT req_id * ${RECORD_SLOTS} + k AS rid,
              list_transform(in_vals, lambda v: nullif(v, '')) AS in_vals,
              list_transform(out_recs[k], lambda v: nullif(v, '')) AS out_vals
            FROM (${perRecordSql(requests)})
            WHERE len(in_vals) = ${Math.trunc(inputColumns)}`,
      unnumberedSql: `SELECT list_transform(in_vals, lambda v: nullif(v, '')) AS in_vals,
              list_transform(out_recs[k], lambda v: nullif(v, '')) AS out_vals
            FROM (${perRecordSql(requestsSql(parsed, files.length, false))})
            WHERE len(in_vals) = ${Math.trunc(inputColumns)}`,
      params,
      unnumberedParams: bulkParams,
    },
    values: withOutput => ({
      sql: windowValuesSql(
        parsed,
        files.length,
        inputColumns,
        withOutput ? outputColumns : 0,
      ),
      params: bulkParams,
    }),
    inputColumns,
    outputColumns,
    report: {
      ...emptyReport,
      lines: total('lines'),
      malformedLines: total('malformed'),
      requestsWithoutInput: total('without_input'),
      undecodablePayloads: total('undecodable'),
      requestsOutsideWindow: total('outside'),
      decodedRecords: decoded,
      wrongColumnCount: decoded - kept,
      outputRecordMismatch: total('mismatch'),
      records: kept,
      problems: problems.map(p => ({
        ...p,
        file:
          typeof p.file === 'number'
            ? files[p.file - 1]?.name ?? String(p.file)
            : files.find(f => f.path === p.file)?.name ?? p.file,
      })),
    },
  };
}

/** One row per record of the usable requests, k its number within its request. */
function perRecordSql(requests: string): string {
  return `SELECT req_id, fi, unnest(in_recs) AS in_vals,
            unnest(generate_series(1, len(in_recs))) AS k, out_recs
          FROM (${requests}) WHERE ${USABLE}`;
}

/**
 * One pass for every count (over the request shapes, see requestShapesSql): request-level
 * counts (on the first record of each request) and, per record width, the number of records and
 * the most common output width, largest group first. Requests without usable records keep one
 * row with a NULL width.
 */
async function countWidths(
  engine: SqlEngine,
  shapes: string,
  params: SqlParameter[],
): Promise<WidthRow[]> {
  const usable = 'ok AND has_input AND in_widths IS NOT NULL AND in_window';
  return engine.query<WidthRow>(
    `SELECT rec AS width, count(rec) AS n, mode(out_widths[k]) AS out_width,
       count(*) FILTER (WHERE k = 1) AS lines,
       count(*) FILTER (WHERE k = 1 AND NOT ok) AS malformed,
       count(*) FILTER (WHERE k = 1 AND ok AND NOT has_input) AS without_input,
       count(*) FILTER (WHERE k = 1 AND ok AND has_input AND in_widths IS NULL) AS undecodable,
       count(*) FILTER (WHERE k = 1 AND ok AND has_input AND in_widths IS NOT NULL AND NOT in_window) AS outside,
       count(*) FILTER (WHERE k = 1 AND ${usable} AND out_widths IS NOT NULL
                        AND len(out_widths) <> len(in_widths)) AS mismatch
     FROM (SELECT ok, has_input, in_window, in_widths, out_widths,
             unnest(CASE WHEN ${usable} AND len(in_widths) > 0 THEN in_widths ELSE [NULL] END) AS rec,
             unnest(generate_series(1, CASE WHEN ${usable} THEN greatest(len(in_widths), 1) ELSE 1 END)) AS k
           FROM (${shapes}))
     GROUP BY 1 ORDER BY (width IS NULL), n DESC, width`,
    params,
  );
}

/** The first few problems of each kind, with the index of their file. */
async function describeProblems(
  engine: SqlEngine,
  requests: string,
  params: SqlParameter[],
  inputColumns: number,
): Promise<{ file: number; reason: string }[]> {
  // Only the requests with a problem are kept from this pass over the files.
  const rows = await engine.query<{
    fi: number;
    kind: string;
    detail: string | null;
  }>(
    `WITH requests AS MATERIALIZED (
       SELECT req_id, fi, ok, has_input, in_window, in_recs FROM (${requests})
       WHERE ok AND (NOT has_input OR in_recs IS NULL
             OR list_bool_or(list_transform(in_recs, lambda r: len(r) <> ?))))
     (SELECT fi, 'no-input' AS kind, NULL AS detail FROM requests
        WHERE ok AND NOT has_input ORDER BY req_id LIMIT ${MAX_PROBLEMS})
     UNION ALL
     (SELECT fi, 'undecodable', NULL FROM requests
        WHERE ok AND has_input AND in_recs IS NULL ORDER BY req_id LIMIT ${MAX_PROBLEMS})
     UNION ALL
     (SELECT fi, 'width', CAST(len(rec) AS VARCHAR) FROM
        (SELECT req_id, fi, unnest(in_recs) AS rec FROM requests WHERE ${USABLE})
        WHERE len(rec) <> ? ORDER BY req_id LIMIT ${MAX_PROBLEMS})`,
    [...params, inputColumns, inputColumns],
  );
  return rows.map(row => {
    const file = Number(row.fi);
    switch (row.kind) {
      case 'no-input':
        return {
          file,
          reason: 'capture record without captureData.endpointInput.data',
        };
      case 'undecodable':
        return {
          file,
          reason: 'input payload could not be decoded (bad BASE64 or JSON)',
        };
      default:
        return {
          file,
          reason: `record with ${row.detail} input values where most records have ${inputColumns}`,
        };
    }
  });
}

/**
 * Only when some lines were malformed: reads the lines again, numbered, to show the first few.
 * A line is malformed when it is not JSON, not an object, or has neither captureData nor
 * eventMetadata.
 */
async function describeMalformedLines(
  engine: SqlEngine,
  files: readonly CaptureFile[],
): Promise<CaptureProblem[]> {
  const rows = await engine.query<{
    file: string;
    line_number: number;
    line: string;
  }>(
    `SELECT filename AS file, line_number, line FROM (${numberedLinesSql(
      files.length,
    )})
     WHERE NOT (${isCaptureRecordSql('line')})
     ORDER BY list_position([${placeholders(
       files.length,
     )}], filename), line_number
     LIMIT ${MAX_PROBLEMS}`,
    [...files.map(f => f.path), ...files.map(f => f.path)],
  );
  return rows.map(row => ({
    file: row.file,
    line: Number(row.line_number),
    reason: `not a JSON capture record: ${row.line.slice(0, 60)}`,
  }));
}

/** Human-readable lines for the report (what was left out and why). */
export function describeScanReport(report: CaptureScanReport): string[] {
  const lines: string[] = [];
  const add = (count: number, text: string) =>
    count > 0 && lines.push(`${count} ${text}`);
  add(report.malformedLines, 'malformed capture line(s) skipped');
  add(
    report.requestsWithoutInput,
    'capture record(s) without an input payload skipped',
  );
  add(
    report.undecodablePayloads,
    'input payload(s) that could not be decoded skipped',
  );
  add(report.requestsOutsideWindow, 'request(s) outside the window skipped');
  add(
    report.wrongColumnCount,
    'record(s) with the wrong number of columns skipped',
  );
  add(
    report.outputRecordMismatch,
    'request(s) whose output does not match its input records',
  );
  for (const p of report.problems) {
    lines.push(`  ${p.file}${p.line ? `:${p.line}` : ''}: ${p.reason}`);
  }
  return lines;
}
