import http from 'node:http';
import { AddressInfo } from 'node:net';
import { checkAttributionDrift } from './attributionDriftCheck';
import { globalAttributions, FeatureRow } from './explainer';
import { explainabilityAnalysis } from './explainabilityAnalysis';
import { httpModelInvoker } from './httpModelInvoker';
import { KernelShapExplainer } from './kernelShapExplainer';
import { LinearModel, LinearModelExplainer, linearModelInvoker } from './linearModelExplainer';
import { capturedAttributions } from './capturedAttributions';

const features = ['income', 'age', 'tenure', 'debt'];

/** Deterministic pseudo-random rows (a small LCG) so the tests repeat. */
function rows(n: number, seed = 7): FeatureRow[] {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  return Array.from({ length: n }, () => [next() * 10, next() * 5, next() * 2, next() * 8]);
}

const stable: LinearModel = { kind: 'linear', featureNames: features, weights: [3, 1, 0.5, -0.2], intercept: 1 };

describe('explainers', () => {
  const background = rows(20, 1);
  const data = rows(50, 2);

  it('Kernel SHAP over all coalitions equals the exact linear SHAP values', async () => {
    const exact = await new LinearModelExplainer(stable, background).explain(data);
    const kernel = await new KernelShapExplainer({ featureNames: features, invoke: linearModelInvoker(stable), background }).explain(data);
    kernel.values.forEach((row, r) => row.forEach((v, f) => expect(v).toBeCloseTo(exact.values[r][f], 9)));
    expect(kernel.expectedValue).toBeCloseTo(exact.expectedValue!, 12);
  });

  it('logistic: exact values are in log-odds space, matching Kernel SHAP with useLogit', async () => {
    const logistic: LinearModel = { ...stable, kind: 'logistic', weights: [0.3, 0.2, -0.4, 0.1], intercept: -1 };
    const exact = await new LinearModelExplainer(logistic, background).explain(data);
    expect(exact.outputSpace).toBe('log-odds');
    const kernel = await new KernelShapExplainer({ featureNames: features, invoke: linearModelInvoker(logistic), background, useLogit: true }).explain(data);
    kernel.values.forEach((row, r) => row.forEach((v, f) => expect(v).toBeCloseTo(exact.values[r][f], 8)));
    // In probability space (Clarify's default) values differ but still add up to f(x) − E[f].
    const probability = await new KernelShapExplainer({ featureNames: features, invoke: linearModelInvoker(logistic), background }).explain(data.slice(0, 3));
    const fx = await linearModelInvoker(logistic)(data.slice(0, 3));
    probability.values.forEach((row, r) =>
      expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(fx[r] - probability.expectedValue!, 12),
    );
  });

  it('sampled Kernel SHAP with a bounded sample count stays close to exact', async () => {
    const many = Array.from({ length: 12 }, (_, i) => `f${i}`);
    const model: LinearModel = { kind: 'linear', featureNames: many, weights: many.map((_, i) => i - 5), intercept: 0 };
    const bg = [many.map(() => 0)];
    const x = [many.map((_, i) => (i % 3) + 1)];
    let calls = 0;
    const invoke = linearModelInvoker(model);
    const kernel = await new KernelShapExplainer({
      featureNames: many, background: bg, numSamples: 400, seed: 3,
      invoke: async r => { calls += r.length; return invoke(r); },
    }).explain(x);
    const exact = await new LinearModelExplainer(model, bg).explain(x);
    kernel.values[0].forEach((v, f) => expect(v).toBeCloseTo(exact.values[0][f], 6));
    expect(calls).toBeLessThanOrEqual(1 + 400 + 1);
  });

  it('flags a simulated attribution shift (a feature effect swapped) and not a stable model', async () => {
    const baselineRun = explainabilityAnalysis(await new LinearModelExplainer(stable, background).explain(data));
    const sameModelNewData = explainabilityAnalysis(await new LinearModelExplainer(stable, background).explain(rows(50, 99)));
    // The model now relies on debt where it relied on income, and the other way round.
    const swapped: LinearModel = { ...stable, weights: [-0.2, 1, 0.5, 3] };
    const shiftedRun = explainabilityAnalysis(await new LinearModelExplainer(swapped, background).explain(rows(50, 99)));
    expect(checkAttributionDrift(baselineRun, sameModelNewData).violations).toEqual([]);
    const drift = checkAttributionDrift(baselineRun, shiftedRun);
    expect(drift.violations).toHaveLength(1);
    expect(drift.violations[0].description).toMatch(/^Feature attribution drift 0\.\d+ exceeds threshold 0\.9$/);
  });

  it('calls a model over HTTP with CSV and JSON (loopback server)', async () => {
    const model = linearModelInvoker(stable);
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', chunk => (body += chunk));
      req.on('end', async () => {
        if (req.headers['content-type'] === 'text/csv') {
          const parsed = body.split('\n').map(line => line.split(',').map(Number));
          res.setHeader('content-type', 'text/csv');
          res.end((await model(parsed)).join('\n'));
        } else {
          const parsed = JSON.parse(body).instances.map((i: { features: number[] }) => i.features);
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ predictions: (await model(parsed)).map(score => ({ score })) }));
        }
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/invocations`;
    try {
      for (const contentType of ['text/csv', 'application/json'] as const) {
        const kernel = new KernelShapExplainer({ featureNames: features, background: background.slice(0, 2), invoke: httpModelInvoker({ url, contentType }) });
        const exact = await new LinearModelExplainer(stable, background.slice(0, 2)).explain(data.slice(0, 3));
        const viaHttp = await kernel.explain(data.slice(0, 3));
        viaHttp.values.forEach((row, r) => row.forEach((v, f) => expect(v).toBeCloseTo(exact.values[r][f], 9)));
      }
    } finally {
      server.close();
    }
  });

  it('aggregates captured attributions and names a bad record', () => {
    const local = capturedAttributions([{ a: 0.2, b: -0.4 }, { a: -0.4, b: 0.2 }], ['a', 'b']);
    expect(globalAttributions(local)).toEqual({ a: expect.closeTo(0.3, 12), b: expect.closeTo(0.3, 12) });
    expect(globalAttributions(local, 'mean_sq')).toEqual({ a: expect.closeTo(0.1, 12), b: expect.closeTo(0.1, 12) });
    expect(() => capturedAttributions([{ a: 1 }], ['a', 'b'], { source: 'cap.jsonl' })).toThrow(
      'cap.jsonl, record 1: field b: expected a number, got undefined',
    );
  });
});
