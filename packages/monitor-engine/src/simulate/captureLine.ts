/**
 * The simulator's fast path for writing capture and ground-truth lines. It produces exactly what
 * formatCaptureRecord/formatGroundTruthRecord produce for the same record (a test checks this),
 * without building objects, because it runs millions of times per simulation.
 */
export type SimulatedFormat = 'csv' | 'json';

const INPUT_HEAD = {
  csv: '{"captureData":{"endpointInput":{"observedContentType":"text/csv","mode":"INPUT","data":',
  json: '{"captureData":{"endpointInput":{"observedContentType":"application/json","mode":"INPUT","data":',
};
const OUTPUT_HEAD = {
  csv: ',"encoding":"CSV"},"endpointOutput":{"observedContentType":"text/csv; charset=utf-8","mode":"OUTPUT","data":',
  json: ',"encoding":"JSON"},"endpointOutput":{"observedContentType":"application/json","mode":"OUTPUT","data":',
};
const OUTPUT_TAIL = { csv: ',"encoding":"CSV"}},"eventMetadata":{"eventId":"', json: ',"encoding":"JSON"}},"eventMetadata":{"eventId":"' };

/**
 * One capture line (with its '\n'). `inputJson` and `outputJson` are the payload strings already
 * JSON-encoded (JSON.stringify of the payload text); ids and times need no escaping.
 */
export function captureLine(
  format: SimulatedFormat,
  inputJson: string,
  outputJson: string,
  eventId: string,
  inferenceId: string | undefined,
  inferenceTime: string,
): string {
  return (
    `${INPUT_HEAD[format]}${inputJson}${OUTPUT_HEAD[format]}${outputJson}${OUTPUT_TAIL[format]}${eventId}"` +
    `${inferenceId === undefined ? '' : `,"inferenceId":"${inferenceId}"`},"inferenceTime":"${inferenceTime}"},"eventVersion":"0"}\n`
  );
}

/** One ground-truth line (with its '\n'); the label is CSV-encoded text. */
export function groundTruthLine(labelJson: string, eventId: string): string {
  return `{"groundTruthData":{"data":${labelJson},"encoding":"CSV"},"eventMetadata":{"eventId":"${eventId}"},"eventVersion":"0"}\n`;
}

/** A CSV cell, quoted when it holds a comma, a quote or a line break. */
export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?$/;

/** The request body of one record: CSV text, or SageMaker's `{"instances": [{"features": [...]}]}`. */
export function inputPayload(format: SimulatedFormat, cells: string[], numeric: boolean[]): string {
  if (format === 'csv') return cells.map(csvCell).join(',');
  const values = cells.map((cell, i) => {
    if (cell === '') return 'null';
    if (!numeric[i]) return JSON.stringify(cell);
    return JSON_NUMBER.test(cell) ? cell : String(Number(cell)); // e.g. ".5" or "+3" are not JSON
  });
  return `{"instances": [{"features": [${values.join(', ')}]}]}`;
}

/** The response body: the prediction as CSV text, or `{"predictions": [{...}]}`. */
export function outputPayload(format: SimulatedFormat, prediction: string, binaryThreshold?: number): string {
  if (format === 'csv') return prediction;
  const isNumber = prediction !== '' && Number.isFinite(Number(prediction));
  if (binaryThreshold !== undefined && isNumber) {
    const label = Number(prediction) >= binaryThreshold ? 1 : 0;
    return `{"predictions": [{"score": ${Number(prediction)}, "predicted_label": ${label}}]}`;
  }
  return isNumber
    ? `{"predictions": [{"score": ${Number(prediction)}}]}`
    : `{"predictions": [{"predicted_label": ${JSON.stringify(prediction)}}]}`;
}
