import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqlEngine } from '../sql/SqlEngine';
import { hourFolder } from '../storage/layout';
import { ObjectStore } from '../storage/ObjectStore';
import { quoteString } from '../sql/sqlText';

/**
 * A merged record as SageMaker's ground-truth merge job writes it: the capture record with the
 * label's `groundTruthData` added. Key order follows the real endpoint sample (eventVersion,
 * groundTruthData, captureData, eventMetadata); JSON values are copied from the inputs.
 */
const MERGED_RECORD_SQL = `'{"eventVersion":' || coalesce(CAST(json_extract(capture_line, '$.eventVersion') AS VARCHAR), '"0"')
  || ',"groundTruthData":' || CAST(json_extract(label_line, '$.groundTruthData') AS VARCHAR)
  || ',"captureData":' || CAST(json_extract(capture_line, '$.captureData') AS VARCHAR)
  || ',"eventMetadata":' || CAST(json_extract(capture_line, '$.eventMetadata') AS VARCHAR) || '}'`;

/**
 * Writes the labelled rows as `merge/{endpoint}/{variant}/yyyy/mm/dd/HH/part-00000-{uuid}.c000.jsonl`
 * under the output root, one part file per inference hour (SageMaker's Spark part-file names).
 * Returns the keys written. DuckDB writes each part to a local file first, so JS never holds
 * more than one part.
 */
export async function writeMergedRecords(
  engine: SqlEngine,
  labelled: string,
  output: ObjectStore,
  location: { endpoint: string; variant: string },
): Promise<string[]> {
  const hours = await engine.query<{ hour: Date }>(
    `SELECT DISTINCT date_trunc('hour', inference_time) AS hour FROM ${labelled} ORDER BY hour`,
  );
  const tempDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'mlmon-merge-'));
  const keys: string[] = [];
  try {
    for (const { hour } of hours) {
      const local = path.join(tempDir, `part-${keys.length}.jsonl`);
      const next = new Date(hour.getTime() + 3_600_000);
      // The record text is written raw: a delimiter that never occurs in JSON text, no quoting.
      await engine.query(
        `COPY (SELECT ${MERGED_RECORD_SQL} AS record FROM ${labelled}
                WHERE inference_time >= ? AND inference_time < ? ORDER BY inference_time, row_key)
         TO ${quoteString(local)} (FORMAT csv, HEADER false, QUOTE '', ESCAPE '', DELIMITER E'\\x01')`,
        [hour, next],
      );
      const key = `merge/${location.endpoint}/${location.variant}/${hourFolder(hour)}part-00000-${randomUUID()}.c000.jsonl`;
      await output.put(key, await fs.promises.readFile(local));
      keys.push(key);
    }
  } finally {
    await fs.promises.rm(tempDir, { recursive: true, force: true });
  }
  return keys;
}
