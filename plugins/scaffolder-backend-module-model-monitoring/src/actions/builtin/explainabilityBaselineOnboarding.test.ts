import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { loadLinearModel, loadShapBaseline, openObjectStore } from '@mlmon/monitor-engine';
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_DATA, onboardingHarness } from '../../__testUtils__/onboardingHarness';

describe('mlmon:builtin:onboard: feature-attribution baseline computed from a data set', () => {
  const h = onboardingHarness();
  const action = () => h.action();

  // 200 training rows: few enough that every row is explained (no sample), so the expected
  // values can be computed here by hand from the SHAP definition of a linear model.
  const trainingRows = () => {
    const [header, ...rows] = fs.readFileSync(path.join(DEMO_DATA, 'adult_income_4000.csv'), 'utf8').trim().split('\n');
    return { header: header.split(','), rows: rows.slice(0, 200).map(r => r.split(',')) };
  };
  const base = (explainabilityMonitor: object) => ({
    name: 'income-shap',
    owner: 'group:default/credit-risk',
    datasetUri: 'train.csv',
    excludeColumns: ['income'],
    explainabilityMonitor,
  });
  const folder = () => path.join(h.dir, 'root/baselines/income-shap/income-shap-explainability');
  const meanAbs = (values: number[]) => values.reduce((s, v) => s + Math.abs(v), 0) / values.length;

  beforeEach(() => {
    const { header, rows } = trainingRows();
    fs.writeFileSync(path.join(h.workspace, 'train.csv'), `${header.join(',')}\n${rows.map(r => r.join(',')).join('\n')}\n`);
    fs.writeFileSync(path.join(h.workspace, 'model.json'), JSON.stringify({ kind: 'logistic', intercept: -1.2, weights: { age: 0.03, hr_per_week: 0.02 } }));
  });

  it('linear: exact SHAP of model.json over the training rows, against the rows\' mean, kept for the monitor', async () => {
    const linearInput = base({ explainer: 'linear', modelFileUri: 'model.json', probabilityAttribute: '0' });
    await action().handler(createMockActionContext({ input: linearInput, workspacePath: h.workspace }) as any);

    const { header, rows } = trainingRows();
    const column = (name: string) => rows.map(r => Number(r[header.indexOf(name)]));
    const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
    const age = column('age');
    const hours = column('hr_per_week');
    const analysis = JSON.parse(fs.readFileSync(path.join(folder(), 'analysis.json'), 'utf8'));
    const label0 = analysis.explanations.kernel_shap.label0;
    expect(Object.keys(label0.global_shap_values)).toEqual(['age', 'hr_per_week']);
    // Log-odds space: phi_i = w_i (x_i - background_i), aggregated as mean |phi|.
    expect(label0.global_shap_values.age).toBeCloseTo(meanAbs(age.map(a => 0.03 * (a - mean(age)))), 10);
    expect(label0.global_shap_values.hr_per_week).toBeCloseTo(meanAbs(hours.map(hr => 0.02 * (hr - mean(hours)))), 10);
    expect(label0.expected_value).toBeCloseTo(-1.2 + 0.03 * mean(age) + 0.02 * mean(hours), 10);

    // What the monitor's windows are explained with: the same model and background.
    const store = openObjectStore(folder());
    expect((await loadLinearModel(store)).featureNames).toEqual(['age', 'hr_per_week']);
    const background = await loadShapBaseline(store, ['age', 'hr_per_week']);
    expect(background).toHaveLength(1);
    expect(background![0][0]).toBeCloseTo(mean(age), 10);
    expect(h.backend.requests[0].body.schedules[1]).toMatchObject({ monitorType: 'ModelExplainability', explainer: { kind: 'linear' } });

    // A second run keeps the baseline, even with another model.json.
    const before = fs.statSync(path.join(folder(), 'analysis.json')).mtimeMs;
    fs.writeFileSync(path.join(h.workspace, 'model.json'), JSON.stringify({ kind: 'logistic', intercept: 0, weights: { age: 1, hr_per_week: 1 } }));
    await action().handler(createMockActionContext({ input: linearInput, workspacePath: h.workspace }) as any);
    expect(fs.statSync(path.join(folder(), 'analysis.json')).mtimeMs).toBe(before);
    expect(JSON.parse(fs.readFileSync(path.join(folder(), 'model.json'), 'utf8')).weights.age).toBe(0.03);
    // replaceBaselines recomputes it with the new model.
    await action().handler(createMockActionContext({ input: { ...linearInput, replaceBaselines: true }, workspacePath: h.workspace }) as any);
    const replaced = JSON.parse(fs.readFileSync(path.join(folder(), 'analysis.json'), 'utf8'));
    expect(replaced.explanations.kernel_shap.label0.global_shap_values.age).toBeCloseTo(meanAbs(age.map(a => a - mean(age))), 8);
  }, 60_000);

  it('writes nothing in a dry run', async () => {
    const ctx = { ...createMockActionContext({ input: base({ explainer: 'linear', modelFileUri: 'model.json' }), workspacePath: h.workspace }), isDryRun: true };
    await action().handler(ctx as any);
    expect(fs.existsSync(path.join(h.dir, 'root'))).toBe(false);
    expect(ctx.output).toHaveBeenCalledWith('schedules', ['income-shap-data-quality', 'income-shap-explainability']);
  }, 60_000);

  it('captured: aggregates the attribution columns a scored data set carries', async () => {
    const { header, rows } = trainingRows();
    const features = header.filter(c => c !== 'income');
    // Attributions as a model would have returned them: one column per feature.
    const attribution = (r: string[], f: number) => ((f % 3) - 1) * (r[0].length + f) / 10;
    const scored = rows.map(r => [...r, ...features.map((_, f) => attribution(r, f))].join(','));
    fs.writeFileSync(path.join(h.workspace, 'scored.csv'), `${[...header, ...features.map(f => `attr_${f}`)].join(',')}\n${scored.join('\n')}\n`);
    await action().handler(createMockActionContext({
      input: base({ explainer: 'captured', attributionsAttribute: 'attributions', datasetUri: 'scored.csv', attributionColumnPrefix: 'attr_' }),
      workspacePath: h.workspace,
    }) as any);
    const global = JSON.parse(fs.readFileSync(path.join(folder(), 'analysis.json'), 'utf8')).explanations.kernel_shap.label0.global_shap_values;
    expect(Object.keys(global).sort()).toEqual([...features].sort());
    features.forEach((f, i) => expect(global[f]).toBeCloseTo(meanAbs(rows.map(r => attribution(r, i))), 10));
    expect(fs.existsSync(path.join(folder(), 'model.json'))).toBe(false);
  }, 60_000);

  it('names what is missing', async () => {
    const run = (explainabilityMonitor: object) =>
      action().handler(createMockActionContext({ input: base(explainabilityMonitor), workspacePath: h.workspace }) as any);
    await expect(run({ explainer: 'captured', attributionsAttribute: 'attributions' })).rejects.toThrow(
      /^explainabilityMonitor\.baselineAnalysisUri: attributions the model returns cannot be computed from the training data/,
    );
    await expect(run({ explainer: 'captured', attributionsAttribute: 'attributions', attributionColumnPrefix: 'attr_' })).rejects.toThrow(
      /^datasetUri: the data set has no column "attr_age", "attr_type_employer"/,
    );
    fs.writeFileSync(path.join(h.workspace, 'model.json'), JSON.stringify({ kind: 'linear', intercept: 0, weights: { age: 1, income: 2 } }));
    await expect(run({ explainer: 'linear', modelFileUri: 'model.json' })).rejects.toThrow(
      'explainabilityMonitor.modelFileUri: weights for income, which are not model inputs',
    );
    fs.writeFileSync(path.join(h.workspace, 'model.json'), JSON.stringify({ kind: 'linear', intercept: 0, weights: { tenure: 1 } }));
    await expect(run({ explainer: 'linear', modelFileUri: 'model.json' })).rejects.toThrow('datasetUri: the data set has no column "tenure"');
    expect(fs.existsSync(path.join(folder(), 'analysis.json'))).toBe(false);
  }, 60_000);
});
