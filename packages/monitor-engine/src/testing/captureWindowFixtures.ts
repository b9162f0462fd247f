import fs from 'node:fs';
import path from 'node:path';
import { FileObjectStore } from '../storage/FileObjectStore';
import { captureFileKey } from '../storage/layout';
import { formatCaptureRecord } from '../formats/captureRecord';
import type { SqlEngine } from '../sql/SqlEngine';
import { suggestBaseline } from '../baseline/suggestBaseline';

/**
 * Test fixtures for the reads of a capture window (dataQuality/onePassWindow.test.ts,
 * capture/streamedWindowProfile.test.ts): seeded records of every kind of value, their capture
 * lines, a store holding them as two capture files of the window, and their baseline.
 */

export const WINDOW = {
  start: new Date('2026-03-01T10:00:00Z'),
  end: new Date('2026-03-01T11:00:00Z'),
};
export const COLUMNS = [
  'prediction',
  'rooms',
  'income',
  'ocean',
  'area',
  'flag',
];

/**
 * Expects two values to be equal, numbers up to the last digits (relative 1e-12): what adding
 * the same doubles in another order changes.
 */
export function expectSameUpToRounding(
  actual: unknown,
  expected: unknown,
  at = '$',
): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const scale = Math.max(Math.abs(expected), Math.abs(actual), 1e-300);
    if (Math.abs(actual - expected) / scale > 1e-12)
      throw new Error(`${at}: ${actual} is not ${expected}`);
    return;
  }
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object')
      throw new Error(`${at}: ${JSON.stringify(actual)} is not an object`);
    const [keys, actualKeys] = [expected, actual].map(o => Object.keys(o));
    if (keys.join() !== actualKeys.join())
      throw new Error(`${at}: keys ${actualKeys} are not ${keys}`);
    for (const key of keys)
      expectSameUpToRounding(
        (actual as Record<string, unknown>)[key],
        (expected as Record<string, unknown>)[key],
        `${at}.${key}`,
      );
    return;
  }
  if (actual !== expected)
    throw new Error(
      `${at}: ${JSON.stringify(actual)} is not ${JSON.stringify(expected)}`,
    );
}

/** Seeded PRNG so the windows are the same on every run. */
export function mulberry32(seed: number) {
  let state = seed;
  return () => {
    state += 0x6d2b79f5;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Records of every kind of value: fractional and integral numbers, exponents, signs, missing
 * values, a categorical text column and a true/false column. `shift` moves the numbers and
 * brings a new category, for violations.
 */
export function records(count: number, seed: number, shift = 0): string[][] {
  const random = mulberry32(seed);
  const oceans = ['NEAR BAY', 'INLAND', '<1H OCEAN', 'ISLAND'];
  return [...Array(count).keys()].map(n => [
    (100000 + random() * 50000 * (1 + shift)).toFixed(2),
    String(Math.floor(random() * 20 * (1 + shift))),
    random() < 0.05 ? '' : (random() * 10 + shift * 5).toFixed(4),
    shift && random() < 0.2 ? 'MOON' : oceans[n % oceans.length],
    n % 7 === 0 ? `${(random() * 9).toFixed(1)}e3` : `-${random().toFixed(3)}`,
    random() < 0.5 ? 'true' : 'false',
  ]);
}

export function captureLine(
  values: string[],
  n: number,
  input?: string,
): string {
  const [output, ...inputs] = values;
  return formatCaptureRecord({
    captureData: {
      endpointInput: {
        observedContentType: 'text/csv',
        mode: 'INPUT',
        data: input ?? inputs.join(','),
        encoding: 'CSV',
      },
      endpointOutput: {
        observedContentType: 'text/csv; charset=utf-8',
        mode: 'OUTPUT',
        data: output,
        encoding: 'CSV',
      },
    },
    eventMetadata: {
      eventId: `id-${n}`,
      inferenceTime: `2026-03-01T10:${String(n % 60).padStart(2, '0')}:00Z`,
    },
    eventVersion: '0',
  });
}

/** A store with the lines in two capture files of the window, under `root`. */
export function windowStore(root: string, lines: string[]): FileObjectStore {
  const half = Math.ceil(lines.length / 2);
  [lines.slice(0, half), lines.slice(half)].forEach((part, k) => {
    const file = path.join(
      root,
      captureFileKey(
        'housing',
        'AllTraffic',
        new Date(`2026-03-01T10:0${k + 1}:00Z`),
        `aaaa-${k}`,
      ),
    );
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${part.join('\n')}\n`);
  });
  return new FileObjectStore(root);
}

/** The windows' baseline, suggested from 2,500 seeded records into `dir`/baseline: that folder. */
export async function suggestFixtureBaseline(
  engine: SqlEngine,
  dir: string,
): Promise<string> {
  const csv = path.join(dir, 'baseline.csv');
  fs.writeFileSync(
    csv,
    [COLUMNS, ...records(2500, 1)].map(r => r.join(',')).join('\n'),
  );
  const baselineDir = path.join(dir, 'baseline');
  await suggestBaseline({
    engine,
    dataset: { path: csv, format: 'csv', header: true },
    output: { dir: baselineDir },
  });
  return baselineDir;
}
