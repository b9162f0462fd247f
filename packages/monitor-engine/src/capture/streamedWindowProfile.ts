import fs from 'node:fs/promises';
import type { SqlEngine } from '../sql/SqlEngine';
import type { InferredType } from '../formats/statistics';
import { isNumericType } from '../baseline/dataTypes';
import {
  KLL_SINGLE_LEVEL_CAPACITY,
  sketchLevelFor,
} from '../baseline/kllSketch';
import { SAMPLE_SIZE } from '../baseline/sketchItems';
import {
  MomentsRow,
  ProfileResult,
  assembleProfile,
} from '../baseline/profileAssembly';
import { CaptureFile, CaptureScanReport } from './captureWindowTable';
import { cleanScanReport } from './cleanScanReport';
import { commonWindowShape } from './commonWindowShape';
import {
  PlaceKind,
  SAMPLE_HASH_BUCKETS,
  ValuePlace,
  sampledRowsSql,
  streamedColumns,
  streamedWindowSql,
} from './streamedWindowSql';
import {
  TextCounts,
  categoricalFromCounts,
  domainShareFromCounts,
  textCountsFromHistogram,
} from './textValueCounts';
import { sampleSketches } from './sampleSketches';

/**
 * The streamed read of a capture window: when every request has the window's common shape
 * (streamedWindowSql.ts), the files are read once and profiled on the way, nothing stored: the
 * statistics come straight out of one aggregate. The KLL sketch and buckets are read from a
 * sample of the numbers chosen by a hash of each request (the whole column up to
 * sketchItems.ts's SAMPLE_SIZE, so small windows are exact; a fixed size beyond, so memory
 * does not grow with the window; see sampleSketches.ts). Windows this cannot profile exactly
 * as the general scan would — requests of another shape, numbers deequ reads differently from
 * a cast, a text column holding only numbers, a column whose sketch keeps its values in input
 * order — are left to the other paths: this one gives up, it never reports.
 */
export interface StreamedWindow {
  names: string[];
  profile: ProfileResult;
  /** Share of each domain-checked feature's values inside its baseline domain. */
  domainShares: Map<string, number>;
  report: CaptureScanReport;
}

export interface StreamedWindowBaseline {
  /** Baseline feature names, in column order. */
  names: readonly string[];
  /** The baseline's type of each feature. */
  types: ReadonlyMap<string, InferredType>;
  /** Value domains of the features that have one (categorical_values_check). */
  domains: ReadonlyMap<string, readonly string[]>;
  /** Text features with few values in the baseline (a categorical distribution): its values. */
  categorical: ReadonlyMap<string, readonly string[]>;
}

/**
 * Most values of a text column counted one by one (a count each per request, about 13 ns);
 * beyond, a histogram of the column costs less (it puts the whole aggregate in a hash table).
 */
const MAX_COUNTED_VALUES = 12;

let counter = 0;

/**
 * Requests per byte of the first files (up to 4 MB of them), times all bytes: enough to size
 * the sample. Read asynchronously: in the backend this runs beside other requests.
 */
async function estimatedRequests(paths: readonly string[]): Promise<number> {
  let [bytes, lines, sampledBytes] = [0, 0, 0];
  for (const p of paths) {
    bytes += (await fs.stat(p)).size;
    if (sampledBytes < 4 * 1024 * 1024) {
      const text = await fs.readFile(p);
      sampledBytes += text.length;
      for (let k = text.indexOf(10); k >= 0; k = text.indexOf(10, k + 1))
        lines++;
    }
  }
  return sampledBytes === 0 ? 0 : (bytes / sampledBytes) * Math.max(lines, 1);
}

const numberOf = (value: unknown) => Number(value ?? 0);

export async function profileStreamedWindow(
  engine: SqlEngine,
  files: readonly CaptureFile[],
  window: { start: Date; end: Date },
  baseline: StreamedWindowBaseline,
  /** Numbers kept for the sketch and buckets: sketchItems.ts's SAMPLE_SIZE unless a test says. */
  sampleSize = SAMPLE_SIZE,
): Promise<StreamedWindow | undefined> {
  // DuckDB's JSON reader, lists and maps: an engine of another dialect reads the general way.
  if (files.length === 0 || engine.dialect !== 'duckdb') return undefined;
  const paths = files.map(f => f.path);
  // The request estimate reads files in this process while DuckDB reads the first request.
  const [shape, estimate] = await Promise.all([
    commonWindowShape(engine, files, baseline.names),
    estimatedRequests(paths),
  ]);
  if (!shape) return undefined;
  const { first, ow, includesOutput, names } = shape;
  const kindOf = (j: number): PlaceKind =>
    isNumericType(baseline.types.get(names[j]) ?? 'String') ? 'number' : 'text';
  // Text columns are counted by value, in memory: only those the baseline shows with few
  // values (an ID column would hold every ID); the others are left to the other paths.
  if (
    names.some(
      (name, j) => kindOf(j) === 'text' && !baseline.categorical.has(name),
    )
  )
    return undefined;
  // Domains are checked on texts; a number column with one is left to the other paths.
  if (
    names.some((name, j) => baseline.domains.has(name) && kindOf(j) !== 'text')
  )
    return undefined;
  const outputCell = (k: number) => (ow === 1 ? 'o.data' : `osplit[${k + 1}]`);
  // The first request's type code of each value (output first when it is a column).
  const codes = [
    ...(includesOutput ? first.out_codes ?? [] : []),
    ...(first.in_codes ?? []),
  ];
  // A text's values to count: those the baseline knows (its categories and domain).
  const valuesOf = (name: string) => {
    const known = new Set([
      ...(baseline.categorical.get(name) ?? []),
      ...(baseline.domains.get(name) ?? []),
    ]);
    return known.size <= MAX_COUNTED_VALUES ? [...known] : undefined;
  };
  const places: ValuePlace[] = names.map((name, j) => {
    const kind = kindOf(j);
    const code = Number(codes[j]);
    return {
      kind,
      cell:
        includesOutput && j < ow
          ? outputCell(j)
          : `split[${j - (includesOutput ? ow : 0) + 1}]`,
      ...(kind === 'number' && (code === 1 || code === 2)
        ? { form: code === 1 ? ('integral' as const) : ('fractional' as const) }
        : {}),
      ...(kind === 'text' ? { values: valuesOf(name) } : {}),
    };
  });
  const outputPlaces = [...Array(ow).keys()].map(k =>
    includesOutput ? places[k] : { kind: 'text' as const },
  );
  const inputPlaces = places.slice(includesOutput ? ow : 0);

  // So few requests that every sketch keeps its values in input order: the one-pass read.
  if (estimate <= KLL_SINGLE_LEVEL_CAPACITY) return undefined;
  const keep =
    estimate <= sampleSize
      ? ('all' as const)
      : Math.max(1, Math.ceil((sampleSize / estimate) * SAMPLE_HASH_BUCKETS));
  const id = ++counter;
  const aggregate = `streamed_window_${id}`;
  const sampleRows = `streamed_sample_${id}`;
  const aggregateWindow = async (read: readonly ValuePlace[]) => {
    const query = streamedWindowSql({
      first,
      paths,
      window,
      places: read,
      inputPlaces,
      outputPlaces,
      keep,
    });
    await engine.query(
      `CREATE OR REPLACE TEMP TABLE ${aggregate} AS ${query.sql}`,
      query.params,
    );
    const [row] = await engine.query<Record<string, unknown>>(
      `SELECT * EXCLUDE (sample) FROM ${aggregate}`,
    );
    return row;
  };
  try {
    let row = await aggregateWindow(places);
    const n = numberOf(row.n);
    // Every request of the common shape, and every value that is not a number empty (else a
    // form deequ reads as a number and the cast does not, a sign, a space, digits, was met).
    const regular = (read: Record<string, unknown>) =>
      numberOf(read.irregular) + numberOf(read.unread) === 0;
    if (n === 0 || !regular(row)) return undefined;
    // A text took values the baseline does not know (a new category): read again, counting all
    // its values (a histogram). This second read is the last; it also matches the texts a
    // typical request leaves out of its match (requestShapeSql), so it can still find the
    // window irregular.
    const unknown = places.filter(
      (place, j) => place.values && countedTextCounts(row, j, place).unknown,
    );
    if (unknown.length) {
      for (const place of unknown) delete place.values;
      row = await aggregateWindow(places);
      if (!regular(row)) return undefined;
    }

    const numbers = places.flatMap((p, j) => (p.kind === 'number' ? [j] : []));
    const texts = new Map<number, TextCounts>();
    const moments: MomentsRow[] = [];
    for (const [j, place] of places.entries()) {
      const c = streamedColumns(j);
      if (place.kind === 'text') {
        const counts = place.values
          ? countedTextCounts(row, j, place).counts
          : textCountsFromHistogram(row[c.histogram]);
        // A text column that holds only numbers here needs numerical statistics.
        if (counts.types.integral + counts.types.fractional > 0) {
          if (counts.types.boolean + counts.types.string === 0)
            return undefined;
        }
        texts.set(j, counts);
        moments.push({
          i: j,
          n,
          m: n - counts.present,
          ...counts.types,
          sum: null,
          mn: null,
          mx: null,
          sd: null,
        });
        continue;
      }
      const present = numberOf(row[c.present]);
      // A sketch of one level keeps the values in input order, which a stream does not have.
      if (present > 0 && sketchLevelFor(present) === 0) return undefined;
      // A number beyond the double range is text to the other paths (dataTypes.ts).
      if (
        present > 0 &&
        ![c.sum, c.min, c.max].every(k => isFinite(row[k] as number))
      )
        return undefined;
      const fractional = numberOf(row[c.fractional]);
      moments.push({
        i: j,
        n,
        m: n - present,
        integral: present - fractional,
        fractional,
        boolean: 0,
        string: 0,
        sum: row[c.sum] as number | null,
        mn: row[c.min] as number | null,
        mx: row[c.max] as number | null,
        sd: row[c.stddev] as number | null,
      });
    }
    const momentsByIndex = new Map(moments.map(m => [m.i, m]));

    await engine.query(
      `CREATE OR REPLACE TEMP TABLE ${sampleRows} AS ${sampledRowsSql(
        aggregate,
        places,
        outputPlaces.length,
      )}`,
    );
    const fromSample = await sampleSketches(
      engine,
      { aggregate, rows: sampleRows },
      numbers.map(j => {
        const m = momentsByIndex.get(j)!;
        return {
          place: j,
          present: n - m.m,
          min: Number(m.mn),
          max: Number(m.mx),
          minSql: streamedColumns(j).min,
          maxSql: streamedColumns(j).max,
        };
      }),
      keep === 'all',
    );
    const profile = await assembleProfile(names, {
      moments: async () => moments,
      buckets: async numeric =>
        new Map(numeric.map(j => [j, fromSample.buckets.get(j) ?? []])),
      sketches: async numeric =>
        new Map(numeric.map(j => [j, fromSample.sketches.get(j)!])),
      categorical: async text =>
        new Map(text.map(j => [j, categoricalFromCounts(texts.get(j))])),
    });
    const domainShares = new Map<string, number>();
    for (const [j, counts] of texts) {
      const domain = baseline.domains.get(names[j]);
      const share = domain ? domainShareFromCounts(counts, domain) : undefined;
      if (share !== undefined) domainShares.set(names[j], share);
    }
    return {
      names,
      profile,
      domainShares,
      report: cleanScanReport(files.length, n),
    };
  } catch {
    // Whatever this path cannot read, the other paths read or report.
    return undefined;
  } finally {
    await engine.query(`DROP TABLE IF EXISTS ${aggregate}`);
    await engine.query(`DROP TABLE IF EXISTS ${sampleRows}`);
  }
}

/**
 * A text place's value counts from its count per known value; `unknown` when some present
 * values were none of them.
 */
function countedTextCounts(
  row: Record<string, unknown>,
  j: number,
  place: ValuePlace,
): { counts: TextCounts; unknown: boolean } {
  const c = streamedColumns(j);
  const entries = (place.values ?? []).map((value, m) => ({
    key: value,
    value: numberOf(row[c.valueCount(m)]),
  }));
  const counts = textCountsFromHistogram(entries.filter(e => e.value > 0));
  return { counts, unknown: counts.present < numberOf(row[c.present]) };
}
