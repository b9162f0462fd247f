import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildProgram } from '../program';
import { sharedDataset } from '../../testing/sharedFolder';

describe('mlmon simulate', () => {
  let root: string;
  let stdout: jest.SpyInstance;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'mlmon-cli-simulate-'));
    stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    stdout.mockRestore();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const files = (dir: string): string[] =>
    fs.existsSync(dir) ? (fs.readdirSync(dir, { recursive: true }) as string[]).filter(f => f.endsWith('.jsonl')) : [];

  it('writes capture and ground truth and reports what it wrote', async () => {
    await buildProgram().parseAsync([
      'node', 'mlmon', 'simulate', '--dataset', sharedDataset('adult_income.csv'), '--endpoint', 'adult',
      '--output', path.join(root, 'cap'), '--start', '2026-11-20T00:00Z', '--hours', '2', '--rate', '30',
      '--label', 'income', '--ground-truth', path.join(root, 'gt'), '--label-delay', '1d',
      '--drift', 'age:shift=20,from=2026-11-20T01:00Z', '--degrade', 'accuracy=0.5', '--seed', '9',
    ]);
    expect(files(path.join(root, 'cap', 'adult', 'AllTraffic', '2026', '11', '20')).length).toBeGreaterThan(0);
    expect(files(path.join(root, 'gt', '2026', '11', '21')).length).toBeGreaterThan(0);
    expect(stdout.mock.calls.join('')).toMatch(/Wrote 60 capture records in \d+ files and 60 ground-truth records .* 30 drifted/);
  });

  it('rejects a bad drift spec before writing anything', async () => {
    const program = buildProgram();
    program.commands.forEach(c => c.exitOverride().configureOutput({ writeErr: () => undefined }));
    await expect(
      program.parseAsync([
        'node', 'mlmon', 'simulate', '--dataset', sharedDataset('adult_income.csv'), '--endpoint', 'adult',
        '--output', path.join(root, 'cap'), '--start', '2026-11-20T00:00Z', '--hours', '1', '--rate', '5',
        '--drift', 'age:scale',
      ]),
    ).rejects.toThrow(/argument 'age:scale' is invalid. Invalid spec "age:scale": expected key=value/);
    expect(files(path.join(root, 'cap'))).toEqual([]);
  });
});
