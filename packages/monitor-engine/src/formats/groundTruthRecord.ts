import { z } from 'zod';
import { extraKeysJson, jsonLinesFormat } from './jsonLinesRecords';
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

const groundTruthJsonLines = jsonLinesFormat(groundTruthRecordSchema, formatGroundTruthRecord);

/** Validates a decoded ground-truth record; errors name file, line and field. */
export const parseGroundTruthRecord = groundTruthJsonLines.parseRecord;
/** Parses one line of a ground-truth file. */
export const parseGroundTruthLine = groundTruthJsonLines.parseLine;
/** Parses a ground-truth file's text; see parseRecordLines for the error modes. */
export const parseGroundTruthJsonl = groundTruthJsonLines.parseJsonl;
/** A whole ground-truth file: one record per line, each line ending in '\n'. */
export const formatGroundTruthJsonl = groundTruthJsonLines.formatJsonl;
