import type { CaptureScanReport } from './captureWindowTable';

/** The report of a window whose every line was a record of the common shape. */
export function cleanScanReport(
  files: number,
  records: number,
): CaptureScanReport {
  return {
    files,
    lines: records,
    malformedLines: 0,
    requestsWithoutInput: 0,
    undecodablePayloads: 0,
    requestsOutsideWindow: 0,
    decodedRecords: records,
    wrongColumnCount: 0,
    outputRecordMismatch: 0,
    records,
    problems: [],
  };
}
