import fs from 'node:fs';
import readline from 'node:readline';
import { CellValue } from '../bias/biasAnalysisConfig';

/**
 * Reads a data set file for the Clarify monitors: CSV with a header row (RFC 4180 quoting) or
 * JSON Lines (one object per line). Values stay as read: CSV cells are strings (numeric
 * interpretation happens where a number is needed), JSON values keep their JSON types.
 * A malformed line fails with the file, the line and the problem; blank lines are skipped.
 */
export type TabularRow = Record<string, CellValue>;

export class DatasetReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatasetReadError';
  }
}

export type DatasetFormat = 'csv' | 'jsonl';

export function datasetFormatOf(file: string): DatasetFormat {
  if (/\.(jsonl|ndjson|json)$/i.test(file)) return 'jsonl';
  if (/\.csv$/i.test(file)) return 'csv';
  throw new DatasetReadError(`${file}: unknown data set format (expected .csv or .jsonl)`);
}

/** Streams the rows of a data set file, so callers choose what to keep in memory. */
export async function* readTabularDataset(
  file: string,
  format: DatasetFormat = datasetFormatOf(file),
): AsyncGenerator<TabularRow> {
  if (!fs.existsSync(file)) throw new DatasetReadError(`${file}: file not found`);
  const lines = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let header: string[] | undefined;
  let lineNumber = 0;
  let pending = '';
  let pendingStart = 0;
  for await (const rawLine of lines) {
    lineNumber += 1;
    if (format === 'jsonl') {
      if (rawLine.trim() === '') continue;
      yield parseJsonLine(rawLine, file, lineNumber);
      continue;
    }
    // A quoted CSV field may span lines: keep joining until the quotes balance.
    if (pending === '') pendingStart = lineNumber;
    pending = pending === '' ? rawLine : `${pending}\n${rawLine}`;
    if (countQuotes(pending) % 2 === 1) continue;
    const record = pending;
    pending = '';
    if (record.trim() === '') continue;
    const cells = splitCsvRecord(record, file, pendingStart);
    if (!header) {
      header = cells.map(c => c.trim());
      continue;
    }
    if (cells.length !== header.length) {
      throw new DatasetReadError(
        `${file}, line ${pendingStart}: ${cells.length} fields, but the header has ${header.length}`,
      );
    }
    const row: TabularRow = {};
    header.forEach((name, i) => {
      row[name] = cells[i] === '' ? null : cells[i];
    });
    yield row;
  }
  if (pending !== '') throw new DatasetReadError(`${file}, line ${pendingStart}: unterminated quoted field`);
  if (format === 'csv' && !header) throw new DatasetReadError(`${file}: empty file, no header row`);
}

/** Reads the whole data set into memory (baselines and tests). */
export async function readTabularDatasetRows(file: string): Promise<TabularRow[]> {
  const rows: TabularRow[] = [];
  for await (const row of readTabularDataset(file)) rows.push(row);
  return rows;
}

function parseJsonLine(line: string, file: string, lineNumber: number): TabularRow {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new DatasetReadError(`${file}, line ${lineNumber}: not valid JSON (${(error as Error).message})`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new DatasetReadError(`${file}, line ${lineNumber}: expected a JSON object per line`);
  }
  const row: TabularRow = {};
  for (const [key, cell] of Object.entries(value as Record<string, unknown>)) {
    if (cell === null || ['string', 'number', 'boolean'].includes(typeof cell)) {
      row[key] = cell as CellValue;
    } else {
      throw new DatasetReadError(
        `${file}, line ${lineNumber}: field ${key}: nested values are not supported in a tabular data set`,
      );
    }
  }
  return row;
}

function countQuotes(text: string): number {
  let n = 0;
  for (const ch of text) if (ch === '"') n++;
  return n;
}

function splitCsvRecord(record: string, file: string, lineNumber: number): string[] {
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    if (record[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const quote = record.indexOf('"', i);
        if (quote < 0) throw new DatasetReadError(`${file}, line ${lineNumber}: unterminated quoted field`);
        value += record.slice(i, quote);
        if (record[quote + 1] === '"') {
          value += '"';
          i = quote + 2;
        } else {
          i = quote + 1;
          break;
        }
      }
      cells.push(value);
      if (i < record.length && record[i] !== ',') {
        throw new DatasetReadError(`${file}, line ${lineNumber}: text after a closing quote in field ${cells.length}`);
      }
    } else {
      const comma = record.indexOf(',', i);
      const end = comma < 0 ? record.length : comma;
      cells.push(record.slice(i, end));
      i = end;
    }
    if (i >= record.length) return cells;
    i++; // skip the comma
    if (i === record.length) {
      cells.push('');
      return cells;
    }
  }
}
