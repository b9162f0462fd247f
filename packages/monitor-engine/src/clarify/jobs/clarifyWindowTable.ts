import { lineFieldSql } from '../../capture/jsonLineSql';
import { payloadKindSql, payloadRecordsSql, payloadTextSql } from '../../capture/payloadSql';
import { attributeAddress, extractAttributeSql } from '../../modelQuality/attributeExtraction';
import { MergeReport, mergeTableNames, mergeWindow } from '../../modelQuality/mergeWindow';
import { MonitoringWindow, MonitoringWindowInput, resolveMonitoringWindow } from '../../modelQuality/monitoringWindow';
import { createCaptureIdTable, createCaptureTable, createGroundTruthTable } from '../../modelQuality/recordTables';
import { StagedFiles } from '../../modelQuality/stagedFiles';
import type { SqlEngine } from '../../sql/SqlEngine';
import { quoteIdentifier, quoteString } from '../../sql/sqlText';
import { captureHourPrefix, listCaptureObjects, listGroundTruthObjects } from '../../storage/layout';
import type { ObjectInfo, ObjectStore } from '../../storage/ObjectStore';

/**
 * One monitoring window of a Clarify monitor as a DuckDB table, read straight from captured data
 * (and ground truth): one row per prediction of the window (latest capture record per id), with
 * the input feature columns decoded from endpointInput (CSV by position, JSON by name or
 * position), the prediction from endpointOutput (inference or probability attribute, as model
 * quality reads it), the ground-truth label when a ground-truth store is given (joined on
 * inferenceId/eventId, labels collected up to the scheduled time since they arrive late), and
 * optionally the attributions the model returned with each prediction.
 *
 * Columns: the feature names, then `predictionColumn`, `labelColumn` (with ground truth) and
 * `attributionsColumn` (JSON text, with `attributionsAttribute`). Every column is text.
 */
export interface ClarifyWindowOptions extends MonitoringWindowInput {
  engine: SqlEngine;
  /** Root of the capture layout `{endpoint}/{variant}/yyyy/mm/dd/HH/`. */
  captureStore: ObjectStore;
  /** Root of the ground-truth layout; without it the table has no label column. */
  groundTruthStore?: ObjectStore;
  endpoint: string;
  variant?: string;
  /** Names of the input columns, in the order of a CSV record (JSON objects are read by name). */
  featureNames: readonly string[];
  /** Predicted label in the output (default column/element 0 when there is no probability). */
  inferenceAttribute?: string;
  /** Score in the output; the prediction column then holds the score. */
  probabilityAttribute?: string;
  /** Where the label is in JSON ground truth (default a bare value or `label`). */
  groundTruthAttribute?: string;
  /** JSON path of per-feature attributions in the output, e.g. `attributions`. */
  attributionsAttribute?: string;
  labelColumn?: string;
  predictionColumn?: string;
  attributionsColumn?: string;
}

export interface ClarifyWindowReport {
  predictionsInWindow: number;
  /** Rows whose input record has fewer fields than there are feature names. */
  shortInputRecords: number;
  /** Requests carrying several records: only the first one is paired with the prediction. */
  multiRecordRequests: number;
  /** With ground truth: the merge's counts (labelled, unlabelled, unknown ids, bad lines). */
  merge?: MergeReport;
  /** Rows in the table (labelled predictions with ground truth, else every prediction). */
  rows: number;
}

export interface ClarifyWindowTable {
  /** The table, for FROM clauses. */
  relation: string;
  window: MonitoringWindow;
  report: ClarifyWindowReport;
  labelColumn: string;
  predictionColumn: string;
  attributionsColumn: string;
  /** Drops the temporary tables and staged copies. */
  dispose(): Promise<void>;
}

async function* concat(...sources: AsyncIterable<ObjectInfo>[]): AsyncIterable<ObjectInfo> {
  for (const source of sources) yield* source;
}

/** A JSON path reading one object key, whatever characters it holds. */
function jsonKeyPath(name: string): string {
  return quoteString(`$."${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);
}

function checkColumns(options: ClarifyWindowOptions, extra: string[]): void {
  if (options.featureNames.length === 0) throw new Error('The window needs the names of the input feature columns');
  const seen = new Set<string>();
  for (const name of [...options.featureNames, ...extra]) {
    if (name.trim() === '') throw new Error('A feature column name is empty');
    if (seen.has(name)) {
      throw new Error(`Column name ${JSON.stringify(name)} is used twice (feature names must differ from each other and from the label and prediction columns)`);
    }
    seen.add(name);
  }
}

/** Builds the window table; the caller disposes it. Bad options throw; so do unreadable files. */
export async function createClarifyWindowTable(options: ClarifyWindowOptions): Promise<ClarifyWindowTable> {
  const labelColumn = options.labelColumn ?? 'label';
  const predictionColumn = options.predictionColumn ?? 'prediction';
  const attributionsColumn = options.attributionsColumn ?? 'attributions';
  checkColumns(options, [predictionColumn, ...(options.groundTruthStore ? [labelColumn] : []), ...(options.attributionsAttribute ? [attributionsColumn] : [])]);
  const variant = options.variant ?? 'AllTraffic';
  const resolved = resolveMonitoringWindow(options);
  const { engine } = options;
  const tables = mergeTableNames('mlmon_clarify', ['window']);
  const staged = new StagedFiles();
  const dispose = async () => {
    for (const name of Object.values(tables)) await engine.query(`DROP TABLE IF EXISTS ${name}`).catch(() => undefined);
    await staged.dispose();
  };
  try {
    const captureFiles = await staged.stage(
      options.captureStore,
      listCaptureObjects(options.captureStore, { ...resolved.window, endpoint: options.endpoint, variant }),
    );
    const hasProbability = options.probabilityAttribute !== undefined;
    const inference = options.inferenceAttribute !== undefined || !hasProbability ? attributeAddress(options.inferenceAttribute ?? '0') : undefined;
    const probability = hasProbability ? attributeAddress(options.probabilityAttribute!) : undefined;
    await createCaptureTable(engine, tables.capture, captureFiles, { inference, probability });

    let base: string;
    let merge: MergeReport | undefined;
    if (options.groundTruthStore) {
      const lookupFiles = await staged.stage(
        options.captureStore,
        concat(...resolved.lookupHours.map(h => options.captureStore.list(captureHourPrefix(options.endpoint, variant, h)))),
      );
      const groundTruthFiles = await staged.stage(options.groundTruthStore, listGroundTruthObjects(options.groundTruthStore, resolved.groundTruth));
      await createCaptureIdTable(engine, tables.captureIds, lookupFiles);
      await createGroundTruthTable(engine, tables.groundTruth, groundTruthFiles, {
        labelAddress: options.groundTruthAttribute ? attributeAddress(options.groundTruthAttribute) : undefined,
        numericLabels: false,
      });
      merge = await mergeWindow(engine, tables, resolved.window);
      merge = { ...merge, problems: merge.problems.map(p => ({ ...p, file: staged.originOf(p.file) })) };
      base = `SELECT row_key, capture_line AS line, inference, probability, ground_truth FROM ${tables.labelled}`;
    } else {
      // The latest record per prediction id, as the ground-truth merge picks it.
      await engine.query(
        `CREATE TEMP TABLE ${tables.predictions} AS
         SELECT join_id AS row_key,
           arg_max(line, inference_time::VARCHAR || filename || lpad(CAST(line_number AS VARCHAR), 12, '0')) AS line,
           arg_max(inference, inference_time::VARCHAR || filename || lpad(CAST(line_number AS VARCHAR), 12, '0')) AS inference,
           arg_max(probability, inference_time::VARCHAR || filename || lpad(CAST(line_number AS VARCHAR), 12, '0')) AS probability
         FROM ${tables.capture}
         WHERE problem IS NULL AND inference_time >= ? AND inference_time < ? GROUP BY join_id`,
        [resolved.window.start, resolved.window.end],
      );
      base = `SELECT row_key, line, inference, probability, CAST(NULL AS VARCHAR) AS ground_truth FROM ${tables.predictions}`;
    }

    const field = (path: string) => lineFieldSql('line', path);
    const outputText = payloadTextSql(field('$.captureData.endpointOutput.data'), field('$.captureData.endpointOutput.encoding'));
    const features = options.featureNames
      .map(
        (name, i) =>
          `CASE WHEN in_kind = 'json' AND json_type(in_text) = 'OBJECT' AND json_exists(in_text, ${jsonKeyPath(name)})
             THEN json_extract_string(in_text, ${jsonKeyPath(name)})
             ELSE nullif(trim(in_records[1][${i + 1}]), '') END AS ${quoteIdentifier(name)}`,
      )
      .join(',\n');
    const attributions = options.attributionsAttribute
      ? `, ${extractAttributeSql(attributeAddress(options.attributionsAttribute), 'out_text', "(out_kind = 'json')")} AS ${quoteIdentifier(attributionsColumn)}`
      : '';
    await engine.query(
      `CREATE TEMP TABLE ${tables.window} AS
       SELECT ${features},
         coalesce(probability, inference) AS ${quoteIdentifier(predictionColumn)}
         ${options.groundTruthStore ? `, ground_truth AS ${quoteIdentifier(labelColumn)}` : ''}
         ${attributions},
         row_key AS mlmon_row_key,
         coalesce(len(in_records[1]), 0) AS mlmon_input_fields,
         coalesce(len(in_records), 0) AS mlmon_input_records
       FROM (
         SELECT *, ${payloadRecordsSql('in_text', 'in_kind', 'input')} AS in_records FROM (
           SELECT *, ${payloadKindSql('in_text', field('$.captureData.endpointInput.observedContentType'), field('$.captureData.endpointInput.encoding'))} AS in_kind,
             ${payloadKindSql('out_text', field('$.captureData.endpointOutput.observedContentType'), field('$.captureData.endpointOutput.encoding'))} AS out_kind
           FROM (
             SELECT *, ${payloadTextSql(field('$.captureData.endpointInput.data'), field('$.captureData.endpointInput.encoding'))} AS in_text,
               ${outputText} AS out_text
             FROM (${base}))))`,
    );
    const [counts] = await engine.query<{ n: number; short: number; multi: number }>(
      `SELECT count(*) AS n,
         count(*) FILTER (WHERE mlmon_input_fields < ?) AS short,
         count(*) FILTER (WHERE mlmon_input_records > 1) AS multi
       FROM ${tables.window}`,
      [options.featureNames.length],
    );
    const [predictions] = merge
      ? [{ n: merge.predictionsInWindow }]
      : await engine.query<{ n: number }>(`SELECT count(*) AS n FROM ${tables.predictions}`);
    return {
      relation: tables.window,
      window: resolved,
      labelColumn,
      predictionColumn,
      attributionsColumn,
      report: {
        predictionsInWindow: Number(predictions.n),
        shortInputRecords: Number(counts.short),
        multiRecordRequests: Number(counts.multi),
        merge,
        rows: Number(counts.n),
      },
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}
