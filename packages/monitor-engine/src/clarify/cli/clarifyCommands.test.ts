import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildProgram } from '../../cli/program';
import { parseClarifyAnalysis } from '../analysis/clarifyAnalysisSchema';
import { parseClarifyConstraintViolations } from '../constraintViolationsFile';

/** The four Clarify commands end to end on small files (DuckDB real, output to a temp folder). */
describe('mlmon Clarify commands', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clarify-cli-'));
  const run = (args: string[]) => buildProgram().parseAsync(['node', 'mlmon', ...args]);
  let stdout: jest.SpyInstance;
  beforeEach(() => {
    stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });
  afterEach(() => stdout.mockRestore());
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  // 40 rows: x drives the score; women (sex=F) get lower scores in the window.
  const rows = (penalty: number) =>
    Array.from({ length: 40 }, (_, i) => {
      const sex = i % 2 ? 'F' : 'M';
      const x = (i * 7) % 10;
      const score = Math.min(1, Math.max(0, x / 10 - (sex === 'F' ? penalty : 0)));
      return { sex, x, w: (i * 3) % 5, y: x >= 5 ? 1 : 0, score };
    });
  const writeCsv = (file: string, data: ReturnType<typeof rows>) =>
    fs.writeFileSync(file, ['sex,x,w,y,score', ...data.map(r => `${r.sex},${r.x},${r.w},${r.y},${r.score}`)].join('\n'));

  const biasArgs = ['--facet', 'sex', '--facet-values', 'F', '--label', 'y', '--label-values', '1',
    '--prediction', 'score', '--probability-threshold', '0.5', '--flip-test-features', 'x,w'];

  it('suggests a bias baseline and flags bias drift', async () => {
    writeCsv(path.join(dir, 'base.csv'), rows(0));
    writeCsv(path.join(dir, 'window.csv'), rows(0.3));
    await run(['suggest-baseline', 'bias', '--dataset', path.join(dir, 'base.csv'), ...biasArgs, '--output', dir, '--prefix', 'bias-baseline']);
    const baselineFile = path.join(dir, 'bias-baseline/analysis.json');
    const baseline = parseClarifyAnalysis(fs.readFileSync(baselineFile, 'utf8'), baselineFile);
    expect(baseline.post_training_bias_metrics!.facets.sex[0].metrics.find(m => m.name === 'DPPL')!.value).toBe(0);

    await run(['monitor', 'bias-drift', '--baseline', baselineFile, '--dataset', path.join(dir, 'window.csv'), ...biasArgs,
      '--schedule', 'bias-s', '--scheduled-time', '2026-11-20T05:00Z', '--output', dir, '--prefix', 'bias-window']);
    const violations = parseClarifyConstraintViolations(
      fs.readFileSync(path.join(dir, 'bias-window/constraint_violations.json'), 'utf8'), 'violations');
    expect(violations.violations.map(v => v.metric_name)).toContain('DPPL');
    expect(violations.violations.map(v => v.metric_name)).toContain('DI');
    expect(fs.readFileSync(path.join(dir, 'bias-window/cloudwatch_metrics.jsonl'), 'utf8')).toContain('"MetricName":"bias_metric_DI"');
    expect(stdout.mock.calls.join('')).toMatch(/CompletedWithViolations/);
  });

  it('suggests an attribution baseline and flags a swapped model, not the same one', async () => {
    writeCsv(path.join(dir, 'attr.csv'), rows(0));
    const model = (wx: number, ww: number) => JSON.stringify({ kind: 'linear', intercept: 0, weights: { x: wx, w: ww } });
    fs.writeFileSync(path.join(dir, 'model.json'), model(2, 0.5));
    fs.writeFileSync(path.join(dir, 'swapped.json'), model(0.5, 4));
    const common = ['--dataset', path.join(dir, 'attr.csv'), '--features', 'x,w', '--output', dir];
    await run(['suggest-baseline', 'feature-attribution', ...common, '--linear-model', path.join(dir, 'model.json'), '--prefix', 'shap-baseline']);
    const baseline = path.join(dir, 'shap-baseline/analysis.json');
    for (const [modelFile, prefix] of [['model.json', 'same'], ['swapped.json', 'swapped']]) {
      await run(['monitor', 'feature-attribution-drift', ...common, '--baseline', baseline, '--kernel-shap',
        '--linear-model', path.join(dir, modelFile), '--prefix', prefix]);
    }
    expect(fs.existsSync(path.join(dir, 'same/constraint_violations.json'))).toBe(false);
    const violations = parseClarifyConstraintViolations(
      fs.readFileSync(path.join(dir, 'swapped/constraint_violations.json'), 'utf8'), 'violations');
    expect(violations.violations).toEqual([expect.objectContaining({ label: 'label0', constraint_check_type: 'feature_attribution_drift_check' })]);
  });

  it('names the problem in a bad option combination', async () => {
    await expect(run(['suggest-baseline', 'bias', '--dataset', 'x.csv', '--facet', 'sex', '--label', 'y', '--label-values', '1',
      '--prediction', 'p', '--output', dir])).rejects.toThrow('Give exactly one of --facet-values and --facet-threshold');
  });
});
