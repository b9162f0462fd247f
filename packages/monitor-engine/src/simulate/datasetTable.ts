import fs from 'node:fs';

/**
 * A tabular data set read whole from a CSV file with a header (the shared data sets are tens of
 * thousands of rows; the simulator samples from them millions of times, so they are held in memory
 * while the generated traffic is streamed out).
 */
export interface DatasetTable {
  file: string;
  columns: string[];
  /** Raw cell text, row-major. Empty string = missing. */
  rows: string[][];
  /** Per column: true when every non-empty cell is a number. */
  numeric: boolean[];
  /** Per column: standard deviation of the numeric cells (0 for non-numeric columns). */
  stdDev: number[];
  /** Per column: mean of the numeric cells (0 for non-numeric columns). */
  mean: number[];
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** Splits CSV text into records (RFC 4180: quoted fields may contain commas, quotes and newlines). */
export function parseCsv(text: string, file: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') {
      quoted = true;
    } else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      if (!(record.length === 1 && record[0] === '')) records.push(record);
      record = [];
      field = '';
      line++;
    } else {
      field += ch;
    }
  }
  if (quoted) throw new Error(`${file}:${line}: unterminated quoted field`);
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** Reads a CSV data set; every row must have as many cells as the header. */
export function readDatasetTable(file: string): DatasetTable {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the data set ${file}: ${(error as Error).message}`);
  }
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''), file);
  if (!header || rows.length === 0) throw new Error(`${file}: the data set needs a header row and at least one data row`);
  const columns = header.map(name => name.trim());
  rows.forEach((row, index) => {
    if (row.length !== columns.length) {
      throw new Error(
        `${file}:${index + 2}: expected ${columns.length} fields (${columns.join(',')}), found ${row.length}`,
      );
    }
  });
  const numeric = columns.map((_, c) => rows.every(row => row[c] === '' || NUMBER.test(row[c])) && rows.some(row => row[c] !== ''));
  const mean = columns.map((_, c) => {
    if (!numeric[c]) return 0;
    let n = 0;
    let sum = 0;
    for (const row of rows) {
      if (row[c] === '') continue;
      n++;
      sum += Number(row[c]);
    }
    return n > 0 ? sum / n : 0;
  });
  const stdDev = columns.map((_, c) => {
    if (!numeric[c]) return 0;
    let n = 0;
    let running = 0;
    let m2 = 0;
    for (const row of rows) {
      if (row[c] === '') continue;
      const x = Number(row[c]);
      n++;
      const delta = x - running;
      running += delta / n;
      m2 += delta * (x - running);
    }
    return n > 1 ? Math.sqrt(m2 / (n - 1)) : 0;
  });
  return { file, columns, rows, numeric, stdDev, mean };
}

/** Index of a column by name, with an error listing the available columns. */
export function columnIndex(table: DatasetTable, name: string, what = 'column'): number {
  const index = table.columns.indexOf(name);
  if (index < 0) {
    throw new Error(`${table.file}: no ${what} named ${JSON.stringify(name)}; columns are ${table.columns.join(', ')}`);
  }
  return index;
}
