import fs from 'node:fs';
import type { SqlEngine } from '../sql/SqlEngine';
import { LINES_READER_OPTIONS } from '../baseline/datasetTable';
import {
  fastParsedSql,
  placeholders,
  requestsSql,
  robustParsedSql,
} from './captureRequestsSql';

/**
 * Turns the capture files of one window into a DuckDB table of decoded records. The scan and
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
   * View (rid, in_vals VARCHAR[], out_vals VARCHAR[]) of the records kept, over the requests
   * table; rid orders the records as captured.
   */
  recordsTable: string;
  /** The decoded requests the view reads; drop with {@link releaseCaptureScan}. */
  requestsTable: string;
  /** Number of input values per kept record (the most common count). */
  inputColumns: number;
  /** Number of output values per kept record (the most common count; 0 without output). */
  outputColumns: number;
  report: CaptureScanReport;
}

const MAX_PROBLEMS = 5;
/** rid = request number * RECORD_SLOTS + record number within the request. */
const RECORD_SLOTS = 16777216;
let counter = 0;

/**
 * Decodes the window's requests into one table (one pass over the files) and counts what is
 * left out. The records themselves are a view over that table, so they are never copied; the
 * caller materialises only what it analyses, then calls {@link releaseCaptureScan}.
 */
export async function scanCaptureFiles(
  engine: SqlEngine,
  files: readonly CaptureFile[],
  window: { start: Date; end: Date },
): Promise<CaptureScan> {
  const id = ++counter;
  const requestsTable = `capture_requests_${id}`;
  const recordsTable = `capture_records_${id}`;
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
    await engine.query(
      `CREATE OR REPLACE TEMP TABLE ${requestsTable} (req_id BIGINT, in_vals VARCHAR[], out_vals VARCHAR[])`,
    );
    await engine.query(
      `CREATE OR REPLACE TEMP VIEW ${recordsTable} AS
       SELECT req_id AS rid, in_vals, out_vals FROM ${requestsTable}`,
    );
    return {
      recordsTable,
      requestsTable,
      inputColumns: 0,
      outputColumns: 0,
      report: emptyReport,
    };
  }

  // 1. Lines → requests, with the fast reader; if any line is malformed, again with the
  // line-by-line reader, because a truncated JSON line can swallow the line after it.
  const paths = files.map(f => f.path);
  const params = [...paths, ...paths, window.start, window.end];
  await engine.query(
    requestsSql(requestsTable, fastParsedSql(files.length), files.length),
    params,
  );
  const [{ malformed }] = await engine.query<{ malformed: number }>(
    `SELECT count(*) FILTER (WHERE NOT ok) AS malformed FROM ${requestsTable}`,
  );
  if (Number(malformed) > 0) {
    await engine.query(
      requestsSql(requestsTable, robustParsedSql(files.length), files.length),
      params,
    );
  }

  const [counts] = await engine.query<Record<string, number>>(
    `SELECT count(*) AS lines,
       count(*) FILTER (WHERE NOT ok) AS malformed,
       count(*) FILTER (WHERE ok AND NOT has_input) AS without_input,
       count(*) FILTER (WHERE ok AND has_input AND in_recs IS NULL) AS undecodable,
       count(*) FILTER (WHERE ok AND has_input AND in_recs IS NOT NULL AND NOT in_window) AS outside
     FROM ${requestsTable}`,
  );

  // 2. Requests → records; the most common input width decides which records are kept.
  const usable = `ok AND has_input AND in_recs IS NOT NULL AND in_window`;
  const perRecord = `SELECT req_id, fi, in_recs, unnest(in_recs) AS in_vals,
        unnest(generate_series(1, len(in_recs))) AS k, out_recs
      FROM ${requestsTable} WHERE ${usable}`;
  const widths = await engine.query<{
    width: number;
    n: number;
    out_width: number | null;
  }>(
    `SELECT len(in_vals) AS width, count(*) AS n,
            mode(len(out_recs[k])) AS out_width
     FROM (${perRecord}) GROUP BY 1 ORDER BY n DESC, width`,
  );
  const inputColumns = Number(widths[0]?.width ?? 0);
  const outputColumns = Number(widths[0]?.out_width ?? 0);
  const decoded = widths.reduce((sum, w) => sum + Number(w.n), 0);
  const kept = Number(widths[0]?.n ?? 0);

  // The width is a count computed by the engine, inlined as a literal.
  await engine.query(
    `CREATE OR REPLACE TEMP VIEW ${recordsTable} AS
     SELECT req_id * ${RECORD_SLOTS} + k AS rid,
            list_transform(in_vals, lambda v: nullif(v, '')) AS in_vals,
            list_transform(out_recs[k], lambda v: nullif(v, '')) AS out_vals
     FROM (${perRecord}) WHERE len(in_vals) = ${Math.trunc(inputColumns)}`,
  );

  const [{ mismatch }] = await engine.query<{ mismatch: number }>(
    `SELECT count(*) AS mismatch FROM ${requestsTable}
     WHERE ${usable} AND out_recs IS NOT NULL AND len(out_recs) <> len(in_recs)`,
  );

  const problems: (Omit<CaptureProblem, 'file'> & { file: number | string })[] =
    Number(counts.without_input) +
      Number(counts.undecodable) +
      (decoded - kept) >
    0
      ? await describeProblems(engine, requestsTable, inputColumns, usable)
      : [];
  if (Number(counts.malformed) > 0) {
    problems.unshift(...(await describeMalformedLines(engine, files)));
  }
  return {
    recordsTable,
    requestsTable,
    inputColumns,
    outputColumns,
    report: {
      ...emptyReport,
      lines: Number(counts.lines),
      malformedLines: Number(counts.malformed),
      requestsWithoutInput: Number(counts.without_input),
      undecodablePayloads: Number(counts.undecodable),
      requestsOutsideWindow: Number(counts.outside),
      decodedRecords: decoded,
      wrongColumnCount: decoded - kept,
      outputRecordMismatch: Number(mismatch),
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

/** Drops what {@link scanCaptureFiles} created. */
export async function releaseCaptureScan(
  engine: SqlEngine,
  scan: Pick<CaptureScan, 'recordsTable' | 'requestsTable'>,
): Promise<void> {
  await engine.query(`DROP VIEW IF EXISTS ${scan.recordsTable}`);
  await engine.query(`DROP TABLE IF EXISTS ${scan.requestsTable}`);
}

/** The first few problems of each kind, with the index of their file. */
async function describeProblems(
  engine: SqlEngine,
  requests: string,
  inputColumns: number,
  usable: string,
): Promise<{ file: number; reason: string }[]> {
  const rows = await engine.query<{
    fi: number;
    kind: string;
    detail: string | null;
  }>(
    `(SELECT fi, 'no-input' AS kind, NULL AS detail FROM ${requests}
        WHERE ok AND NOT has_input ORDER BY req_id LIMIT ${MAX_PROBLEMS})
     UNION ALL
     (SELECT fi, 'undecodable', NULL FROM ${requests}
        WHERE ok AND has_input AND in_recs IS NULL ORDER BY req_id LIMIT ${MAX_PROBLEMS})
     UNION ALL
     (SELECT fi, 'width', CAST(len(rec) AS VARCHAR) FROM
        (SELECT req_id, fi, unnest(in_recs) AS rec FROM ${requests} WHERE ${usable})
        WHERE len(rec) <> ? ORDER BY req_id LIMIT ${MAX_PROBLEMS})`,
    [inputColumns],
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
 * Only when some lines were malformed: reads the raw lines again to show the first few. A line
 * is malformed when it is not JSON, not an object, or has neither captureData nor eventMetadata.
 */
async function describeMalformedLines(
  engine: SqlEngine,
  files: readonly CaptureFile[],
): Promise<CaptureProblem[]> {
  const rows = await engine.query<{ file: string; line: string }>(
    `SELECT file, line FROM (
       SELECT filename AS file, line FROM read_csv([${placeholders(
         files.length,
       )}], ${LINES_READER_OPTIONS}, filename=true)
       WHERE line IS NOT NULL AND trim(line) <> '')
     WHERE NOT (CASE WHEN json_valid(line) AND json_type(line) = 'OBJECT'
                     THEN json_exists(line, '$.captureData') OR json_exists(line, '$.eventMetadata')
                     ELSE false END)
     LIMIT ${MAX_PROBLEMS}`,
    files.map(f => f.path),
  );
  return rows.map(row => ({
    file: row.file,
    line: lineNumberOf(row.file, row.line),
    reason: `not a JSON capture record: ${row.line.slice(0, 60)}`,
  }));
}

/** Line numbers are looked up only for the few reported lines, not for every record. */
function lineNumberOf(file: string, linePrefix: string): number | undefined {
  try {
    const index = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .findIndex(line => line.startsWith(linePrefix));
    return index >= 0 ? index + 1 : undefined;
  } catch {
    return undefined;
  }
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
