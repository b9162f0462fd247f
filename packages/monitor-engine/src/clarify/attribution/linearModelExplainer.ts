import { numericCell } from '../bias/biasAnalysisConfig';
import { Explainer, FeatureRow, LocalAttributions, ModelInvoker } from './explainer';

/**
 * Exact SHAP values of a linear or logistic model, relative to a background data set:
 * φ_i(x) = w_i · (x_i − mean of feature i over the background).
 *
 * - Linear model (f = b + w·x): values in model-output space, exactly what Kernel SHAP converges
 *   to with the same background.
 * - Logistic model (f = σ(b + w·x)): the values are exact in LOG-ODDS space (what Clarify reports
 *   with `use_logit: true`). Clarify's default explains the probability itself, which has no
 *   closed form; use {@link linearModelInvoker} with the Kernel SHAP explainer for that space.
 */
export interface LinearModel {
  kind: 'linear' | 'logistic';
  featureNames: readonly string[];
  weights: readonly number[];
  intercept: number;
}

export class LinearModelExplainer implements Explainer {
  readonly featureNames: readonly string[];
  private readonly backgroundMean: number[];

  constructor(private readonly model: LinearModel, background: readonly FeatureRow[]) {
    if (model.weights.length !== model.featureNames.length) {
      throw new Error(
        `Linear model has ${model.weights.length} weights for ${model.featureNames.length} features`,
      );
    }
    if (background.length === 0) throw new Error('The SHAP background needs at least one row');
    this.featureNames = model.featureNames;
    this.backgroundMean = model.featureNames.map((name, f) => {
      const values = background.map((row, r) => requireNumber(row[f], name, `background row ${r + 1}`));
      return values.reduce((s, v) => s + v, 0) / values.length;
    });
  }

  async explain(rows: readonly FeatureRow[]): Promise<LocalAttributions> {
    const values = rows.map((row, r) =>
      this.model.weights.map(
        (w, f) => w * (requireNumber(row[f], this.featureNames[f], `row ${r + 1}`) - this.backgroundMean[f]),
      ),
    );
    const meanLinear = this.model.intercept + this.model.weights.reduce((s, w, f) => s + w * this.backgroundMean[f], 0);
    return {
      featureNames: this.featureNames,
      values,
      expectedValue: meanLinear,
      outputSpace: this.model.kind === 'linear' ? 'model-output' : 'log-odds',
      method: 'exact_linear',
    };
  }
}

/** The model as a function (probabilities for a logistic model), for Kernel SHAP or tests. */
export function linearModelInvoker(model: LinearModel): ModelInvoker {
  return async rows =>
    rows.map((row, r) => {
      const z = model.intercept + model.weights.reduce(
        (s, w, f) => s + w * requireNumber(row[f], model.featureNames[f], `row ${r + 1}`),
        0,
      );
      return model.kind === 'linear' ? z : 1 / (1 + Math.exp(-z));
    });
}

function requireNumber(value: FeatureRow[number], feature: string, where: string): number {
  const n = numericCell(value);
  if (n === undefined) {
    throw new Error(`${where}: feature ${feature} is not numeric (${JSON.stringify(value)})`);
  }
  return n;
}
