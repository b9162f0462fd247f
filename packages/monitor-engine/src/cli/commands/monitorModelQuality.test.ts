import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { sagemakerSample } from '../../testing/sharedFolder';
import { buildProgram } from '../program';

const SAMPLE = 'aws__sagemaker-python-sdk/tests/data/pipeline/quality_check_step/model_quality';

/** Runs the CLI in-process and captures what it prints. */
async function run(program: Command, args: string[]): Promise<string> {
  const chunks: string[] = [];
  const write = jest.spyOn(process.stdout, 'write').mockImplementation(chunk => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    await program.parseAsync(['node', 'mlmon', ...args]);
  } finally {
    write.mockRestore();
  }
  return chunks.join('');
}

describe('model-quality CLI commands', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mq-cli-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  afterEach(() => {
    process.exitCode = undefined;
  });

  it('suggests a baseline and monitors a window against it', async () => {
    const printed = await run(buildProgram(), [
      'suggest-baseline', 'model-quality', '--problem-type', 'Regression',
      '--dataset', sagemakerSample(`${SAMPLE}/baseline_dataset.csv`), '--header',
      '--inference-attribute', 'Label', '--ground-truth-attribute', 'Prediction',
      '--output', path.join(dir, 'baseline'),
    ]);
    expect(printed).toContain('r2: -3.208758170289026');
    const constraints = JSON.parse(fs.readFileSync(path.join(dir, 'baseline', 'constraints.json'), 'utf8'));
    expect(constraints.regression_constraints.mae.threshold).toBe(0.5040653554420981);

    // 40 JSON-output predictions in one hour, each off by 2 from its label: mae 2 > 0.504.
    const hour = path.join(dir, 'capture', 'house', 'AllTraffic', '2026', '11', '20', '05');
    fs.mkdirSync(hour, { recursive: true });
    const labels = path.join(dir, 'ground-truth', '2026', '11', '20', '07');
    fs.mkdirSync(labels, { recursive: true });
    const captureLines: string[] = [];
    const labelLines: string[] = [];
    for (let i = 0; i < 40; i++) {
      captureLines.push(JSON.stringify({
        captureData: {
          endpointOutput: { observedContentType: 'application/json', mode: 'OUTPUT', data: JSON.stringify({ predictions: [{ value: i + 2 }] }), encoding: 'JSON' },
        },
        eventMetadata: { eventId: `e${i}`, inferenceTime: `2026-11-20T05:${String(i).padStart(2, '0')}:00Z` },
        eventVersion: '0',
      }));
      labelLines.push(JSON.stringify({ groundTruthData: { data: String(i), encoding: 'CSV' }, eventMetadata: { eventId: `e${i}` }, eventVersion: '0' }));
    }
    fs.writeFileSync(path.join(hour, '00-00-000-abc.jsonl'), `${captureLines.join('\n')}\n`);
    fs.writeFileSync(path.join(labels, 'labels.jsonl'), `${labelLines.join('\n')}\n`);

    const output = await run(buildProgram(), [
      'monitor', 'model-quality', '--capture', path.join(dir, 'capture'),
      '--ground-truth', path.join(dir, 'ground-truth'), '--endpoint', 'house',
      '--baseline', path.join(dir, 'baseline'), '--inference-attribute', 'predictions[0].value',
      '--start', '2026-11-20T05:00Z', '--end', '2026-11-20T06:00Z',
      '--ground-truth-until', '2026-11-21T00:00Z', '--output', path.join(dir, 'reports'),
    ]);
    expect(output).toContain('Predictions 40, labelled 40, unlabelled 0');
    expect(output).toContain('CompletedWithViolations: Job completed successfully with 3 violations.');
    const violations = JSON.parse(
      fs.readFileSync(path.join(dir, 'reports', 'house', 'house-model-quality', '2026/11/20/06', 'constraint_violations.json'), 'utf8'),
    );
    expect(violations.violations[0]).toEqual({
      constraint_check_type: 'GreaterThanThreshold',
      description: "Metric mae with 2.0 +/- NaN was GreaterThanThreshold '0.5040653554420981'",
      metric_name: 'mae',
    });
    expect(violations.violations.map((v: { metric_name: string }) => v.metric_name)).toEqual(['mae', 'mse', 'rmse']);
  });

  it('rejects a malformed time with the option name', async () => {
    const program = buildProgram();
    program.commands.forEach(c => c.exitOverride().configureOutput({ writeErr: () => undefined }));
    const monitor = program.commands.find(c => c.name() === 'monitor')!;
    monitor.commands.forEach(c => c.exitOverride().configureOutput({ writeErr: () => undefined }));
    await expect(
      program.parseAsync(['node', 'mlmon', 'monitor', 'model-quality', '--capture', dir, '--ground-truth', dir,
        '--endpoint', 'house', '--baseline', dir, '--output', dir, '--start', 'yesterday']),
    ).rejects.toThrow("--start must be an ISO time such as 2026-11-24T13:00Z, got 'yesterday'");
  });
});
