import fs from 'node:fs';
import type { SqlEngine } from '../sql/SqlEngine';
import { LINES_READER_OPTIONS } from '../baseline/datasetTable';
import { payloadKindSql, payloadRecordsSql, payloadTextSql } from './payloadSql';

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
  /** Table (rid, in_vals VARCHAR[], out_vals VARCHAR[]) of the records kept. */
  recordsTable: string;
  /** Number of input values per kept record (the most common count). */
  inputColumns: number;
  /** Number of output values per kept record (the most common count; 0 without output). */
  outputColumns: number;
  report: CaptureScanReport;
}

const MAX_PROBLEMS = 5;
let counter = 0;


export async function scanCaptureFiles(
  engine: SqlEngine,
  files: readonly CaptureFile[],
  window: { start: Date; end: Date },
): Promise<CaptureScan> {
  const id = ++counter;
  const requests = `capture_requests_${id}`;
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
  await engine.query(
    `CREATE OR REPLACE TEMP TABLE ${recordsTable} (rid BIGINT, in_vals VARCHAR[], out_vals VARCHAR[])`,
  );
  if (files.length === 0) {
    return { recordsTable, inputColumns: 0, outputColumns: 0, report: emptyReport };
  }

  try {
    // 1. Lines → requests, with the fast reader; if any line is malformed, again with the
    // line-by-line reader, because a truncated JSON line can swallow the line after it.
    const paths = files.map(f => f.path);
    await engine.query(requestsSql(requests, fastParsedSql(files.length)), paths);
    const [{ malformed }] = await engine.query<{ malformed: number }>(
      `SELECT count(*) FILTER (WHERE NOT ok) AS malformed FROM ${requests}`,
    );
    if (Number(malformed) > 0) {
      await engine.query(requestsSql(requests, robustParsedSql(files.length)), paths);
    }

    const inWindow = `(inference_time IS NULL OR (inference_time >= ? AND inference_time < ?))`;
    const windowParams = [window.start, window.end];
    const [counts] = await engine.query<Record<string, number>>(
      `SELECT count(*) AS lines,
         count(*) FILTER (WHERE NOT ok) AS malformed,
         count(*) FILTER (WHERE ok AND NOT has_input) AS without_input,
         count(*) FILTER (WHERE ok AND has_input AND in_recs IS NULL) AS undecodable,
         count(*) FILTER (WHERE ok AND has_input AND in_recs IS NOT NULL AND NOT ${inWindow}) AS outside
       FROM ${requests}`,
      windowParams,
    );

    // 2. Requests → records; the most common input width decides which records are kept.
    const usable = `ok AND has_input AND in_recs IS NOT NULL AND ${inWindow}`;
    const perRecord = `SELECT req_id, file, unnest(in_recs) AS in_vals,
          unnest(generate_series(1, len(in_recs))) AS k, out_recs
        FROM ${requests} WHERE ${usable}`;
    const widths = await engine.query<{ width: number; n: number; out_width: number | null }>(
      `SELECT len(in_vals) AS width, count(*) AS n,
              mode(len(out_recs[k])) AS out_width
       FROM (${perRecord}) GROUP BY 1 ORDER BY n DESC, width LIMIT 1`,
      windowParams,
    );
    const inputColumns = Number(widths[0]?.width ?? 0);
    const outputColumns = Number(widths[0]?.out_width ?? 0);

    await engine.query(
      `INSERT INTO ${recordsTable}
       SELECT row_number() OVER (ORDER BY req_id, k) AS rid,
              list_transform(in_vals, lambda v: nullif(v, '')) AS in_vals,
              list_transform(out_recs[k], lambda v: nullif(v, '')) AS out_vals
       FROM (${perRecord}) WHERE len(in_vals) = ?`,
      [...windowParams, inputColumns],
    );

    const [recordCounts] = await engine.query<Record<string, number>>(
      `SELECT count(*) AS decoded,
         count(*) FILTER (WHERE len(in_vals) <> ?) AS wrong_width,
         count(DISTINCT req_id) FILTER (WHERE out_recs IS NOT NULL AND len(out_recs) <> len(in_recs)) AS mismatch
       FROM (${perRecord.replace('unnest(in_recs) AS in_vals', 'in_recs, unnest(in_recs) AS in_vals')})`,
      [inputColumns, ...windowParams],
    );
    const [{ kept }] = await engine.query<{ kept: number }>(
      `SELECT count(*) AS kept FROM ${recordsTable}`,
    );

    const problems = await describeProblems(engine, requests, inputColumns, windowParams, usable);
    if (Number(counts.malformed) > 0) {
      problems.unshift(...(await describeMalformedLines(engine, files)));
    }
    return {
      recordsTable,
      inputColumns,
      outputColumns,
      report: {
        ...emptyReport,
        lines: Number(counts.lines),
        malformedLines: Number(counts.malformed),
        requestsWithoutInput: Number(counts.without_input),
        undecodablePayloads: Number(counts.undecodable),
        requestsOutsideWindow: Number(counts.outside),
        decodedRecords: Number(recordCounts.decoded),
        wrongColumnCount: Number(recordCounts.wrong_width),
        outputRecordMismatch: Number(recordCounts.mismatch),
        records: Number(kept),
        problems: problems.map(p => ({ ...p, file: displayName(files, p.file) })),
      },
    };
  } finally {
    await engine.query(`DROP TABLE IF EXISTS ${requests}`);
  }
}

/** The first few problems of each kind, with the line number looked up in the file. */
async function describeProblems(
  engine: SqlEngine,
  requests: string,
  inputColumns: number,
  windowParams: Date[],
  usable: string,
): Promise<CaptureProblem[]> {
  const rows = await engine.query<{ file: string; kind: string; detail: string | null }>(
    `(SELECT file, 'no-input' AS kind, NULL AS detail FROM ${requests}
        WHERE ok AND NOT has_input ORDER BY req_id LIMIT ${MAX_PROBLEMS})
     UNION ALL
     (SELECT file, 'undecodable', NULL FROM ${requests}
        WHERE ok AND has_input AND in_recs IS NULL ORDER BY req_id LIMIT ${MAX_PROBLEMS})
     UNION ALL
     (SELECT file, 'width', CAST(len(rec) AS VARCHAR) FROM
        (SELECT req_id, file, unnest(in_recs) AS rec FROM ${requests} WHERE ${usable})
        WHERE len(rec) <> ? ORDER BY req_id LIMIT ${MAX_PROBLEMS})`,
    [...windowParams, inputColumns],
  );
  return rows.map(row => {
    switch (row.kind) {
      case 'no-input':
        return { file: row.file, reason: 'capture record without captureData.endpointInput.data' };
      case 'undecodable':
        return { file: row.file, reason: 'input payload could not be decoded (bad BASE64 or JSON)' };
      default:
        return {
          file: row.file,
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
       SELECT filename AS file, line FROM read_csv([${placeholders(files.length)}], ${LINES_READER_OPTIONS}, filename=true)
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

function displayName(files: readonly CaptureFile[], path: string): string {
  return files.find(f => f.path === path)?.name ?? path;
}

const PAYLOAD_STRUCT = 'STRUCT(observedContentType VARCHAR, data VARCHAR, encoding VARCHAR)';

/**
 * Fast path: DuckDB's JSON reader parses each line once, in parallel, into the few fields
 * needed. A line that is not a JSON object comes back as a row of NULLs (ignore_errors).
 */
function fastParsedSql(fileCount: number): string {
  const columns = `{captureData: 'STRUCT(endpointInput ${PAYLOAD_STRUCT}, endpointOutput ${PAYLOAD_STRUCT})', eventMetadata: 'STRUCT(inferenceTime VARCHAR)'}`;
  return `SELECT row_number() OVER () AS req_id, filename AS file,
       NOT (captureData IS NULL AND eventMetadata IS NULL) AS ok,
       captureData.endpointInput AS i, captureData.endpointOutput AS o,
       eventMetadata.inferenceTime AS time_text
     FROM read_json([${placeholders(fileCount)}], format = 'newline_delimited', columns = ${columns},
                    ignore_errors = true, filename = true)`;
}

/** Robust path: one text line at a time, validated with json_valid before extraction. */
function robustParsedSql(fileCount: number): string {
  const paths = [
    'captureData.endpointInput.observedContentType', 'captureData.endpointInput.data', 'captureData.endpointInput.encoding',
    'captureData.endpointOutput.observedContentType', 'captureData.endpointOutput.data', 'captureData.endpointOutput.encoding',
    'eventMetadata.inferenceTime',
  ].map(p => `'$.${p}'`);
  const isRecord = `CASE WHEN json_valid(line) AND json_type(line) = 'OBJECT'
      THEN json_exists(line, '$.captureData') OR json_exists(line, '$.eventMetadata') ELSE false END`;
  return `SELECT req_id, file, ok,
       CASE WHEN ok THEN {'observedContentType': f[1], 'data': f[2], 'encoding': f[3]} END AS i,
       CASE WHEN ok THEN {'observedContentType': f[4], 'data': f[5], 'encoding': f[6]} END AS o,
       f[7] AS time_text
     FROM (SELECT row_number() OVER () AS req_id, file, ok,
                  CASE WHEN ok THEN json_extract_string(line, [${paths.join(', ')}]) END AS f
           FROM (SELECT filename AS file, line, ${isRecord} AS ok
                 FROM read_csv([${placeholders(fileCount)}], ${LINES_READER_OPTIONS}, filename=true)
                 WHERE line IS NOT NULL AND trim(line) <> ''))`;
}

/** Requests with their payloads decoded into records (see payloadSql.ts). */
function requestsSql(table: string, parsed: string): string {
  return `CREATE OR REPLACE TEMP TABLE ${table} AS
     WITH parsed AS (${parsed}),
     decoded AS (
       SELECT req_id, file, ok, i.data IS NOT NULL AS has_input,
              TRY_CAST(time_text AS TIMESTAMPTZ) AS inference_time,
              ${payloadTextSql('i.data', 'i.encoding')} AS in_text, i.encoding AS in_enc, i.observedContentType AS in_type,
              ${payloadTextSql('o.data', 'o.encoding')} AS out_text, o.encoding AS out_enc, o.observedContentType AS out_type
       FROM parsed)
     SELECT req_id, file, ok, has_input, inference_time,
            ${payloadRecordsSql('in_text', payloadKindSql('in_text', 'in_type', 'in_enc'), 'input')} AS in_recs,
            ${payloadRecordsSql('out_text', payloadKindSql('out_text', 'out_type', 'out_enc'), 'output')} AS out_recs
     FROM decoded`;
}

const placeholders = (count: number) => Array(count).fill('?').join(', ');

/** Human-readable lines for the report (what was left out and why). */
export function describeScanReport(report: CaptureScanReport): string[] {
  const lines: string[] = [];
  const add = (count: number, text: string) => count > 0 && lines.push(`${count} ${text}`);
  add(report.malformedLines, 'malformed capture line(s) skipped');
  add(report.requestsWithoutInput, 'capture record(s) without an input payload skipped');
  add(report.undecodablePayloads, 'input payload(s) that could not be decoded skipped');
  add(report.requestsOutsideWindow, 'request(s) outside the window skipped');
  add(report.wrongColumnCount, 'record(s) with the wrong number of columns skipped');
  add(report.outputRecordMismatch, 'request(s) whose output does not match its input records');
  for (const p of report.problems) {
    lines.push(`  ${p.file}${p.line ? `:${p.line}` : ''}: ${p.reason}`);
  }
  return lines;
}
