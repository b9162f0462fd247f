import { z } from 'zod';
import { extraKeysJson, jsonLinesFormat } from './jsonLinesRecords';

/**
 * SageMaker real-time endpoint data-capture records (reference §1.1): one compact JSON object per
 * line with the keys `captureData`, `eventMetadata`, `eventVersion`, in that order. Objects are
 * loose: unknown keys are kept and written back after the known ones.
 */

export const payloadEncodingSchema = z.enum(['CSV', 'JSON', 'BASE64']);
export type PayloadEncoding = z.infer<typeof payloadEncodingSchema>;

function capturedPayloadSchema<M extends 'INPUT' | 'OUTPUT'>(mode: M) {
  return z.looseObject({
    /** As observed on the request/response; SageMaker's own schema allows null for output. */
    observedContentType: z.string().nullable().optional(),
    mode: z.literal(mode),
    data: z.string(),
    encoding: payloadEncodingSchema,
  });
}

export const endpointInputSchema = capturedPayloadSchema('INPUT');
export const endpointOutputSchema = capturedPayloadSchema('OUTPUT');
export type CapturedInput = z.infer<typeof endpointInputSchema>;
export type CapturedOutput = z.infer<typeof endpointOutputSchema>;

/** `yyyy-MM-ddTHH:mm:ssZ` as SageMaker writes it; fractional seconds are tolerated on read. */
const INFERENCE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

export const inferenceTimeSchema = z
  .string()
  .refine(value => INFERENCE_TIME.test(value) && !Number.isNaN(Date.parse(value)), {
    message: 'expected a UTC time like 2022-04-18T00:21:48Z',
  });

export const captureEventMetadataSchema = z.looseObject({
  eventId: z.string().min(1),
  /** Present only when the caller passed InferenceId to InvokeEndpoint. */
  inferenceId: z.string().optional(),
  inferenceTime: inferenceTimeSchema,
  customAttributes: z.array(z.string()).optional(),
});
export type CaptureEventMetadata = z.infer<typeof captureEventMetadataSchema>;

export const captureRecordSchema = z.looseObject({
  captureData: z
    .looseObject({
      endpointInput: endpointInputSchema.optional(),
      endpointOutput: endpointOutputSchema.optional(),
    })
    .refine(data => data.endpointInput !== undefined || data.endpointOutput !== undefined, {
      message: 'a capture record needs endpointInput, endpointOutput or both',
    }),
  eventMetadata: captureEventMetadataSchema,
  eventVersion: z.string(),
});
export type CaptureRecord = z.infer<typeof captureRecordSchema>;

/** The id a ground-truth record must carry to match this capture: inferenceId if set, else eventId. */
export function captureJoinId(record: CaptureRecord): string {
  return record.eventMetadata.inferenceId ?? record.eventMetadata.eventId;
}

/** Formats an instant as SageMaker's `inferenceTime` (UTC, second precision). */
export function formatInferenceTime(time: Date): string {
  return `${time.toISOString().slice(0, 19)}Z`;
}

const PAYLOAD_KEYS = ['observedContentType', 'mode', 'data', 'encoding'] as const;
const METADATA_KEYS = ['eventId', 'inferenceId', 'inferenceTime', 'customAttributes'] as const;

function payloadJson(payload: CapturedInput | CapturedOutput): string {
  let out = '{';
  if (payload.observedContentType !== undefined) {
    out += `"observedContentType":${JSON.stringify(payload.observedContentType)},`;
  }
  out += `"mode":"${payload.mode}","data":${JSON.stringify(payload.data)},"encoding":"${payload.encoding}"`;
  return `${out}${extraKeysJson(payload, PAYLOAD_KEYS)}}`;
}

/**
 * One capture record as SageMaker writes it: compact JSON, keys in SageMaker's order, no
 * trailing newline. Written by hand rather than by JSON.stringify of the object so the order is
 * fixed whatever order the object was built in (and because the simulator calls it millions of times).
 */
export function formatCaptureRecord(record: CaptureRecord): string {
  const { captureData, eventMetadata } = record;
  let data = '{';
  if (captureData.endpointInput) data += `"endpointInput":${payloadJson(captureData.endpointInput)}`;
  if (captureData.endpointOutput) {
    if (captureData.endpointInput) data += ',';
    data += `"endpointOutput":${payloadJson(captureData.endpointOutput)}`;
  }
  data += `${extraKeysJson(captureData, ['endpointInput', 'endpointOutput'])}}`;

  let meta = `{"eventId":${JSON.stringify(eventMetadata.eventId)}`;
  if (eventMetadata.inferenceId !== undefined) meta += `,"inferenceId":${JSON.stringify(eventMetadata.inferenceId)}`;
  meta += `,"inferenceTime":${JSON.stringify(eventMetadata.inferenceTime)}`;
  if (eventMetadata.customAttributes !== undefined) {
    meta += `,"customAttributes":${JSON.stringify(eventMetadata.customAttributes)}`;
  }
  meta += `${extraKeysJson(eventMetadata, METADATA_KEYS)}}`;

  return (
    `{"captureData":${data},"eventMetadata":${meta},"eventVersion":${JSON.stringify(record.eventVersion)}` +
    `${extraKeysJson(record, ['captureData', 'eventMetadata', 'eventVersion'])}}`
  );
}

const captureJsonLines = jsonLinesFormat(captureRecordSchema, formatCaptureRecord);

/** Validates a decoded capture record (e.g. a pretty-printed one); errors name file, line, field. */
export const parseCaptureRecord = captureJsonLines.parseRecord;
/** Parses one line of a capture file. */
export const parseCaptureLine = captureJsonLines.parseLine;
/** Parses a capture file's text; see parseRecordLines for the error modes. */
export const parseCaptureJsonl = captureJsonLines.parseJsonl;
/** A whole capture file: one record per line, each line ending in '\n'. */
export const formatCaptureJsonl = captureJsonLines.formatJsonl;
