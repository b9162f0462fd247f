import { SqlEngine } from '../sql/SqlEngine';
import { TimeWindow } from '../storage/layout';

/**
 * The ground-truth merge of one window, in SQL. Inputs are the tables of recordTables.ts;
 * outputs are the deduplicated tables and the labelled-rows table (labelledRows.ts) the metrics
 * read, plus a report of everything that was not used and why: nothing is dropped silently.
 */
export interface MergeTables {
  capture: string;
  captureIds: string;
  groundTruth: string;
  /** One row per prediction id in the window (latest record wins). */
  predictions: string;
  /** One row per labelled id (latest label wins). */
  labels: string;
  /** Joined rows: row_key, ground_truth, inference, probability, inference_time, capture_line, label_line. */
  labelled: string;
}

/**
 * Fresh names for a merge's tables (and the caller's `extra` ones), `{prefix}_{table}_{random}`,
 * so runs never collide.
 */
export function mergeTableNames<K extends string = never>(
  prefix: string,
  extra: readonly K[] = [],
): MergeTables & Record<K, string> {
  const suffix = Math.random().toString(36).slice(2, 10);
  const table = (name: string) => `${prefix}_${name}_${suffix}`;
  const named = Object.fromEntries(extra.map(k => [k, table(k)])) as Record<K, string>;
  return {
    capture: table('capture'),
    captureIds: table('capture_ids'),
    groundTruth: table('ground_truth'),
    predictions: table('predictions'),
    labels: table('labels'),
    labelled: table('labelled'),
    ...named,
  };
}

export interface LineProblem {
  /** The file as the engine read it. */
  file: string;
  line: number;
  problem: string;
}

export interface MergeReport {
  captureRecords: number;
  malformedCaptureRecords: number;
  /** Valid records read from the window's hour folders whose inferenceTime is outside it. */
  captureRecordsOutsideWindow: number;
  predictionsInWindow: number;
  /** Extra records for a prediction id already seen in the window (the latest one is used). */
  duplicatePredictionRecords: number;
  groundTruthRecords: number;
  malformedGroundTruthRecords: number;
  /** Extra labels for an id already labelled (the latest label is used, never both). */
  duplicateGroundTruthRecords: number;
  /** Ids whose duplicate labels disagree. */
  conflictingGroundTruthIds: number;
  /** Labels joined to a prediction of the window. */
  matchedRecords: number;
  /** Predictions of the window without a label (yet). */
  unlabelledPredictions: number;
  /** Labels for predictions made before the window (judged by an earlier window). */
  labelsForEarlierWindows: number;
  /** Labels for predictions made after the window (judged by a later window). */
  labelsForLaterWindows: number;
  /** Labels whose id matches no captured prediction read. */
  unknownGroundTruthIds: number;
  /** Up to 10 examples of bad capture or ground-truth lines. */
  problems: LineProblem[];
  /** Up to 10 unknown ids, to help find the producer that sends them. */
  unknownIdExamples: string[];
}

const ORDER_KEY = `lpad(CAST(line_number AS VARCHAR), 12, '0')`;

export async function mergeWindow(
  engine: SqlEngine,
  tables: MergeTables,
  window: TimeWindow,
): Promise<MergeReport> {
  const { capture, captureIds, groundTruth, predictions, labels, labelled } = tables;
  const inWindow = `problem IS NULL AND inference_time >= ? AND inference_time < ?`;
  await engine.query(
    `CREATE TEMP TABLE ${predictions} AS
     SELECT join_id, count(*) AS copies,
       arg_max(line, inference_time::VARCHAR || filename || ${ORDER_KEY}) AS line,
       arg_max(inference, inference_time::VARCHAR || filename || ${ORDER_KEY}) AS inference,
       arg_max(probability, inference_time::VARCHAR || filename || ${ORDER_KEY}) AS probability,
       max(inference_time) AS inference_time
     FROM ${capture} WHERE ${inWindow} GROUP BY join_id`,
    [window.start, window.end],
  );
  // Files are listed in key order, i.e. by collection hour: the last label read is the newest.
  await engine.query(
    `CREATE TEMP TABLE ${labels} AS
     SELECT event_id, count(*) AS copies, count(DISTINCT label) AS distinct_labels,
       arg_max(label, filename || ${ORDER_KEY}) AS label,
       arg_max(line, filename || ${ORDER_KEY}) AS line
     FROM ${groundTruth} WHERE problem IS NULL GROUP BY event_id`,
  );
  await engine.query(
    `CREATE TEMP TABLE ${labelled} AS
     SELECT p.join_id AS row_key, l.label AS ground_truth, p.inference, p.probability,
       p.inference_time, p.line AS capture_line, l.line AS label_line
     FROM ${predictions} p JOIN ${labels} l ON p.join_id = l.event_id`,
  );

  const [capture_] = await engine.query<Record<string, number>>(
    `SELECT count(*) AS records, count(*) FILTER (WHERE problem IS NOT NULL) AS malformed,
       count(*) FILTER (WHERE problem IS NULL AND NOT (inference_time >= ? AND inference_time < ?)) AS outside
     FROM ${capture}`,
    [window.start, window.end],
  );
  const [predictions_] = await engine.query<Record<string, number>>(
    `SELECT count(*) AS ids, coalesce(sum(copies - 1), 0) AS duplicates FROM ${predictions}`,
  );
  const [truth] = await engine.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM ${groundTruth}) AS records,
       (SELECT count(*) FROM ${groundTruth} WHERE problem IS NOT NULL) AS malformed,
       coalesce(sum(copies - 1), 0) AS duplicates,
       count(*) FILTER (WHERE distinct_labels > 1) AS conflicting
     FROM ${labels}`,
  );
  const [matched] = await engine.query<{ n: number }>(`SELECT count(*) AS n FROM ${labelled}`);
  // Where do labels without a prediction in the window belong? Look their id up among every
  // capture record read (the window's folders and the look-up range around it).
  const [unmatched] = await engine.query<Record<string, number>>(
    `WITH known AS (
       SELECT join_id, min(inference_time) AS first_time FROM (
         SELECT join_id, inference_time FROM ${capture} WHERE problem IS NULL
         UNION ALL SELECT join_id, inference_time FROM ${captureIds} WHERE inference_time IS NOT NULL)
       GROUP BY join_id)
     SELECT count(*) FILTER (WHERE k.first_time < ?) AS earlier,
       count(*) FILTER (WHERE k.first_time >= ?) AS later,
       count(*) FILTER (WHERE k.join_id IS NULL) AS unknown
     FROM ${labels} l LEFT JOIN ${predictions} p ON p.join_id = l.event_id
       LEFT JOIN known k ON k.join_id = l.event_id
     WHERE p.join_id IS NULL`,
    [window.start, window.end],
  );
  const unknownIds = await engine.query<{ event_id: string }>(
    `SELECT l.event_id FROM ${labels} l
     WHERE NOT EXISTS (SELECT 1 FROM ${capture} c WHERE c.problem IS NULL AND c.join_id = l.event_id)
       AND NOT EXISTS (SELECT 1 FROM ${captureIds} i WHERE i.join_id = l.event_id)
     ORDER BY l.event_id LIMIT 10`,
  );
  const problems = await engine.query<{ file: string; line: number; problem: string }>(
    `SELECT filename AS file, line_number AS line, problem FROM (
       SELECT filename, line_number, problem FROM ${capture} WHERE problem IS NOT NULL
       UNION ALL SELECT filename, line_number, problem FROM ${groundTruth} WHERE problem IS NOT NULL)
     ORDER BY filename, line_number LIMIT 10`,
  );
  return {
    captureRecords: capture_.records,
    malformedCaptureRecords: capture_.malformed,
    captureRecordsOutsideWindow: capture_.outside,
    predictionsInWindow: predictions_.ids,
    duplicatePredictionRecords: predictions_.duplicates,
    groundTruthRecords: truth.records,
    malformedGroundTruthRecords: truth.malformed,
    duplicateGroundTruthRecords: truth.duplicates,
    conflictingGroundTruthIds: truth.conflicting,
    matchedRecords: matched.n,
    unlabelledPredictions: predictions_.ids - matched.n,
    labelsForEarlierWindows: unmatched.earlier,
    labelsForLaterWindows: unmatched.later,
    unknownGroundTruthIds: unmatched.unknown,
    problems,
    unknownIdExamples: unknownIds.map(row => row.event_id),
  };
}
