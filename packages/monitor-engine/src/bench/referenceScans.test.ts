import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDbEngine } from '../sql/DuckDbEngine';
import { captureLine } from '../testing/captureWindowFixtures';
import { referenceScanSql } from './referenceScans';

describe('referenceScanSql', () => {
  let engine: DuckDbEngine;
  let file: string;
  beforeAll(async () => {
    engine = await DuckDbEngine.create({ memoryLimit: '256MB' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlmon-scans-'));
    file = path.join(dir, 'capture.jsonl');
    fs.writeFileSync(
      file,
      [
        captureLine(['10', '1.5', '2', 'NEAR BAY'], 1),
        captureLine(['20', '-0.5', '', 'INLAND'], 2),
        captureLine(['30', '3', '4', 'ISLAND'], 3),
      ].join('\n'),
    );
  });
  afterAll(async () => {
    await engine.close();
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it('reads every payload in the payload scan', async () => {
    const [row] = await engine.query(referenceScanSql('scan-payload', 1, 3), [
      file,
    ]);
    expect(row).toEqual({
      lines: 3,
      input_chars: 14 + 12 + 10,
      output_chars: 6,
      descriptors: 12,
      times: 3,
    });
  });

  it('casts and aggregates every cell in the floor profile', async () => {
    const [row] = await engine.query<Record<string, number>>(
      referenceScanSql('scan-floor', 1, 3),
      [file],
    );
    // Output 10, 20, 30; first input 1.5, -0.5, 3; second 2, 4 (one empty); texts no number.
    const sums = 60 + 4 + 6;
    const mins = 10 - 0.5 + 2;
    const maxes = 30 + 3 + 4;
    const stddevs =
      Math.sqrt(200 / 3) +
      Math.sqrt(
        ((1.5 - 4 / 3) ** 2 + (-0.5 - 4 / 3) ** 2 + (3 - 4 / 3) ** 2) / 3,
      ) +
      1;
    expect(row.lines).toBe(3);
    expect(row.numbers).toBe(3 + 3 + 2);
    expect(row.checksum).toBeCloseTo(sums + mins + maxes + stddevs, 9);
  });

  it('names an unknown scan', () => {
    expect(() => referenceScanSql('scan-nothing', 1, 3)).toThrow(
      'Unknown scan scan-nothing',
    );
  });
});
