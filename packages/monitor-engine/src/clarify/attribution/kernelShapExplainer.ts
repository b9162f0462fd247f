import { Explainer, FeatureRow, LocalAttributions, ModelInvoker } from './explainer';
import { solveLinearSystem } from './solveLinearSystem';

/**
 * Kernel SHAP (Lundberg & Lee 2017), the method Clarify uses, for any model reachable through
 * an invoke function. For each explained row x and coalition S of features, the value
 * v(S) = mean over background rows z of f(x on S, z elsewhere); SHAP values are the weighted
 * least-squares fit of v with the Shapley kernel, constrained to sum to f(x) − E[f(background)].
 *
 * Coalitions: every one of the 2^M − 2 proper coalitions when that fits in `numSamples` (then the
 * result is the exact Shapley value for this background), otherwise `numSamples` coalitions
 * drawn from the Shapley kernel in complementary pairs with a seeded generator, so runs repeat.
 * Model calls per explained row = coalitions × background rows + 1: keep both small.
 *
 * Output space: the model's own output (Clarify's default), or log-odds with `useLogit`
 * (Clarify's `use_logit: true`, logit applied to every prediction before averaging).
 */
export interface KernelShapOptions {
  featureNames: readonly string[];
  invoke: ModelInvoker;
  /** Background ("baseline") rows; Clarify's ShapBaseline. At least one. */
  background: readonly FeatureRow[];
  /** Upper bound on coalitions per row; default min(2^M − 2, 2M + 2048) like the shap library. */
  numSamples?: number;
  seed?: number;
  useLogit?: boolean;
  /** Rows per invoke call. */
  maxBatchRows?: number;
}

export class KernelShapExplainer implements Explainer {
  readonly featureNames: readonly string[];
  private readonly coalitions: Array<{ mask: Uint8Array; weight: number }>;

  constructor(private readonly options: KernelShapOptions) {
    this.featureNames = options.featureNames;
    if (options.background.length === 0) throw new Error('Kernel SHAP needs at least one background row');
    const m = options.featureNames.length;
    const budget = Math.max(2, options.numSamples ?? Math.min(2 ** m - 2, 2 * m + 2048));
    this.coalitions = 2 ** m - 2 <= budget ? allCoalitions(m) : sampledCoalitions(m, budget, options.seed ?? 0);
  }

  async explain(rows: readonly FeatureRow[]): Promise<LocalAttributions> {
    const { background } = this.options;
    const m = this.featureNames.length;
    const link = (p: number) => (this.options.useLogit ? logit(p) : p);
    const evaluate = async (batch: FeatureRow[]) => (await this.invokeInBatches(batch)).map(link);

    const nullOutputs = await evaluate([...background]);
    const expectedValue = mean(nullOutputs);
    const values: number[][] = [];
    for (const x of rows) {
      const synthetic: FeatureRow[] = [x];
      for (const { mask } of this.coalitions) {
        for (const z of background) synthetic.push(x.map((v, f) => (mask[f] ? v : z[f])));
      }
      const outputs = await evaluate(synthetic);
      const fx = outputs[0];
      const coalitionValues = this.coalitions.map((_, k) =>
        mean(outputs.slice(1 + k * background.length, 1 + (k + 1) * background.length)),
      );
      values.push(m === 1 ? [fx - expectedValue] : this.fit(coalitionValues, fx - expectedValue, expectedValue));
    }
    return {
      featureNames: this.featureNames,
      values,
      expectedValue,
      outputSpace: this.options.useLogit ? 'log-odds' : 'model-output',
      method: 'kernel_shap',
    };
  }

  /** Constrained weighted least squares, eliminating the last feature via Σφ = total. */
  private fit(coalitionValues: number[], total: number, expectedValue: number): number[] {
    const m = this.featureNames.length;
    const n = m - 1;
    const a = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    const b = new Array<number>(n).fill(0);
    this.coalitions.forEach(({ mask, weight }, k) => {
      const last = mask[m - 1];
      const target = coalitionValues[k] - expectedValue - last * total;
      for (let i = 0; i < n; i++) {
        const ui = mask[i] - last;
        if (ui === 0) continue;
        b[i] += weight * ui * target;
        for (let j = 0; j < n; j++) a[i][j] += weight * ui * (mask[j] - last);
      }
    });
    const phi = solveLinearSystem(a, b);
    return [...phi, total - phi.reduce((s, v) => s + v, 0)];
  }

  private async invokeInBatches(rows: FeatureRow[]): Promise<number[]> {
    const size = this.options.maxBatchRows ?? 1000;
    const out: number[] = [];
    for (let start = 0; start < rows.length; start += size) {
      const batch = rows.slice(start, start + size);
      const predictions = await this.options.invoke(batch);
      if (predictions.length !== batch.length) {
        throw new Error(`The model returned ${predictions.length} predictions for ${batch.length} rows`);
      }
      predictions.forEach((p, i) => {
        if (!Number.isFinite(p)) throw new Error(`The model returned a non-numeric prediction for row ${start + i + 1}`);
      });
      out.push(...predictions);
    }
    return out;
  }
}

function allCoalitions(m: number): Array<{ mask: Uint8Array; weight: number }> {
  const out: Array<{ mask: Uint8Array; weight: number }> = [];
  for (let bits = 1; bits < 2 ** m - 1; bits++) {
    const mask = new Uint8Array(m);
    let size = 0;
    for (let f = 0; f < m; f++) {
      mask[f] = (bits >> f) & 1;
      size += mask[f];
    }
    out.push({ mask, weight: (m - 1) / (binomial(m, size) * size * (m - size)) });
  }
  return out;
}

/** Coalition sizes drawn ∝ (M−1)/(s(M−s)), each with its complement; equal weights. */
function sampledCoalitions(m: number, budget: number, seed: number): Array<{ mask: Uint8Array; weight: number }> {
  const random = mulberry32(seed);
  const sizeWeights = Array.from({ length: m - 1 }, (_, i) => (m - 1) / ((i + 1) * (m - 1 - i)));
  const totalWeight = sizeWeights.reduce((s, w) => s + w, 0);
  const out: Array<{ mask: Uint8Array; weight: number }> = [];
  const order = Array.from({ length: m }, (_, i) => i);
  while (out.length + 2 <= budget) {
    let pick = random() * totalWeight;
    let size = 1;
    while (size < m - 1 && pick > sizeWeights[size - 1]) pick -= sizeWeights[size++ - 1];
    for (let i = 0; i < size; i++) {
      const j = i + Math.floor(random() * (m - i));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const mask = new Uint8Array(m);
    for (let i = 0; i < size; i++) mask[order[i]] = 1;
    out.push({ mask, weight: 1 }, { mask: mask.map(v => 1 - v), weight: 1 });
  }
  return out;
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mean(values: number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}

/** logit with the probability clipped away from 0 and 1, so certain predictions stay finite. */
function logit(p: number): number {
  const q = Math.min(Math.max(p, 1e-12), 1 - 1e-12);
  return Math.log(q / (1 - q));
}
