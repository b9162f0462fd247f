import { z } from 'zod';
import {
  extraKeysJson,
  JsonLinesResult,
  parseRecordLine,
  parseRecordLines,
  validateRecord,
} from './jsonLinesRecords';
import { payloadEncodingSchema } from './captureRecord';

/**
 * Ground-truth records for model quality and model bias monitoring (reference §1.4):
 *   {"groundTruthData":{"data":"1","encoding":"CSV"},"eventMetadata":{"eventId":"…"},"eventVersion":"0"}
 * `eventMetadata.eventId` equals the capture's inferenceId when it has one, else its eventId.
 * Objects are loose: unknown keys (the SDK's samples carry an inferenceTime) are kept.
 */

export const groundTruthRecordSchema = z.looseObject({
  groundTruthData: z.looseObject({
    data: z.string(),
    encoding: payloadEncodingSchema,
  }),
  eventMetadata: z.looseObject({
    eventId: z.string().min(1),
  }),
  eventVersion: z.string(),
});
export type GroundTruthRecord = z.infer<typeof groundTruthRecordSchema>;

/** Validates a decoded ground-truth record; errors name file, line and field. */
export function parseGroundTruthRecord(value: unknown, file: string, line = 1): GroundTruthRecord {
  return validateRecord(groundTruthRecordSchema, value, file, line);
}

/** Parses one line of a ground-truth file. */
export function parseGroundTruthLine(text: string, file: string, line: number): GroundTruthRecord {
  return parseRecordLine(groundTruthRecordSchema, text, file, line);
}

/** Parses a ground-truth file's text; see {@link parseRecordLines} for the error modes. */
export function parseGroundTruthJsonl(
  text: string,
  file: string,
  options: { onError?: 'throw' | 'collect' } = {},
): JsonLinesResult<GroundTruthRecord> {
  return parseRecordLines(groundTruthRecordSchema, text, file, options);
}

/** One ground-truth record as compact JSON in SageMaker's key order, without a newline. */
export function formatGroundTruthRecord(record: GroundTruthRecord): string {
  const { groundTruthData: truth, eventMetadata: meta } = record;
  return (
    `{"groundTruthData":{"data":${JSON.stringify(truth.data)},"encoding":"${truth.encoding}"` +
    `${extraKeysJson(truth, ['data', 'encoding'])}},` +
    `"eventMetadata":{"eventId":${JSON.stringify(meta.eventId)}${extraKeysJson(meta, ['eventId'])}},` +
    `"eventVersion":${JSON.stringify(record.eventVersion)}` +
    `${extraKeysJson(record, ['groundTruthData', 'eventMetadata', 'eventVersion'])}}`
  );
}

/** A whole ground-truth file: one record per line, each line ending in '\n'. */
export function formatGroundTruthJsonl(records: Iterable<GroundTruthRecord>): string {
  let out = '';
  for (const record of records) out += `${formatGroundTruthRecord(record)}\n`;
  return out;
}
