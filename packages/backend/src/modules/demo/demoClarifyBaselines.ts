import {
  DEFAULT_MODEL_QUALITY,
  DuckDbEngine,
  LinearModelExplainer,
  Prng,
  fileRelation,
  groundTruthValue,
  idealMetricValue,
  inferLabelModel,
  linearModelJson,
  metricValueAsNumber,
  predictFromLabel,
  runAttributionAnalysis,
  runBiasAnalysis,
  shapBaselineCsv,
  writeClarifyAnalysis,
  type ClarifyAnalysis,
  type DatasetTable,
  type LinearModel,
  type ObjectStore,
  type PostTrainingMetricName,
} from '@mlmon/monitor-engine';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { baselinePrefix } from './demoBaselines';
import type { DemoModel } from './demoModels';

/**
 * Baselines of the demo's Clarify monitors, as a team would produce them before turning the
 * monitors on:
 * - bias: the post-training bias analysis of the model's predictions on the training data set,
 *   widened by the tolerance the team accepts per metric (Clarify's check fails any window
 *   farther from the ideal than the baseline, which a window of a few hundred rows does by
 *   chance alone);
 * - explainability: a logistic model fitted to the data set (the model.json the linear explainer
 *   reads), one SHAP baseline row of feature means and the global SHAP values on the data set.
 */

/** Logistic regression by gradient descent on standardised features: deterministic, a few ms. */
export function fitLogisticModel(table: DatasetTable, features: readonly string[], label: string, positive: string): LinearModel {
  const labelIndex = table.columns.indexOf(label);
  const indexes = features.map(f => {
    const i = table.columns.indexOf(f);
    if (i < 0 || !table.numeric[i]) throw new Error(`${table.file}: ${f} is not a numeric column`);
    return i;
  });
  const rows = table.rows.filter(r => r[labelIndex] !== '' && indexes.every(i => r[i] !== ''));
  const z = rows.map(r => indexes.map(i => (Number(r[i]) - table.mean[i]) / (table.stdDev[i] || 1)));
  const y = rows.map(r => (r[labelIndex] === positive ? 1 : 0));
  const w = features.map(() => 0);
  let b = 0;
  for (let step = 0; step < 400; step++) {
    const gw = features.map(() => 0);
    let gb = 0;
    for (let r = 0; r < z.length; r++) {
      const x = z[r];
      let score = b;
      for (let f = 0; f < x.length; f++) score += x[f] * w[f];
      const e = 1 / (1 + Math.exp(-score)) - y[r];
      gb += e;
      for (let f = 0; f < x.length; f++) gw[f] += e * x[f];
    }
    b -= (0.5 * gb) / rows.length;
    w.forEach((_, f) => { w[f] -= (0.5 * gw[f]) / rows.length; });
  }
  // Back to the raw scale of the captured values: w_raw = w / sd, b_raw = b − Σ w_raw · mean.
  const weights = indexes.map((i, f) => w[f] / (table.stdDev[i] || 1));
  const intercept = b - indexes.reduce((s, i, f) => s + weights[f] * table.mean[i], 0);
  const round = (v: number) => Number(v.toPrecision(8));
  return { kind: 'logistic', featureNames: [...features], weights: weights.map(round), intercept: round(intercept) };
}

/** Moves each metric of the analysis `tolerance[metric]` farther from its ideal value. */
export function widenBiasBaseline(analysis: ClarifyAnalysis, tolerance: Partial<Record<PostTrainingMetricName, number>>): ClarifyAnalysis {
  const section = analysis.post_training_bias_metrics!;
  const facets = Object.fromEntries(
    Object.entries(section.facets).map(([facet, reports]) => [
      facet,
      reports.map(report => ({
        ...report,
        metrics: report.metrics.map(m => {
          const value = metricValueAsNumber(m.value);
          const slack = tolerance[m.name as PostTrainingMetricName];
          if (value === null || !Number.isFinite(value) || slack === undefined) return m;
          const ideal = idealMetricValue(m.name);
          const side = value >= ideal ? 1 : -1;
          return { ...m, value: Number((value + side * slack).toPrecision(12)) };
        }),
      })),
    ]),
  );
  return { ...analysis, post_training_bias_metrics: { ...section, facets } };
}

export async function writeDemoClarifyBaselines(model: DemoModel, table: DatasetTable, root: ObjectStore): Promise<void> {
  const clarify = model.clarify;
  if (!clarify) return;
  const labelIndex = table.columns.indexOf(model.label);
  const labelled = table.rows.filter(r => r[labelIndex] !== '');
  const labelModel = inferLabelModel(labelled.map(r => r[labelIndex]), table.numeric[labelIndex]);

  const facetIndex = table.columns.indexOf(clarify.bias.facet.column);
  if (facetIndex < 0) throw new Error(`${table.file}: no column ${clarify.bias.facet.column}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `mlmon-demo-clarify-${model.endpointName}-`));
  const engine = await DuckDbEngine.create({ threads: 1, memoryLimit: '256MB' });
  try {
    // The model's predictions on the training data, as the bias baseline job sees them.
    const rng = new Prng(29, 5);
    const csv = path.join(dir, 'predictions.csv');
    const lines = labelled.map(r => {
      const facet = r[facetIndex].includes(',') ? `"${r[facetIndex]}"` : r[facetIndex];
      return `${facet},${groundTruthValue(labelModel, r[labelIndex])},${predictFromLabel(labelModel, r[labelIndex], DEFAULT_MODEL_QUALITY, rng)}`;
    });
    fs.writeFileSync(csv, `facet,label,probability\n${lines.join('\n')}\n`);
    const { analysis } = await runBiasAnalysis({
      engine,
      relation: `(SELECT facet AS ${JSON.stringify(clarify.bias.facet.column)}, label AS ${JSON.stringify(model.label)}, probability FROM ${fileRelation(csv, 'csv')})`,
      config: {
        facet: { column: clarify.bias.facet.column, values: [clarify.bias.facet.value] },
        label: { column: model.label, positiveValues: ['1'] },
        prediction: { column: 'probability', probabilityThreshold: 0.5 },
        metrics: clarify.bias.metrics,
      },
    });
    await root.put(
      `${baselinePrefix(model.endpointName, clarify.bias.schedule)}/analysis.json`,
      writeClarifyAnalysis(widenBiasBaseline(analysis, clarify.bias.tolerance)),
    );
  } finally {
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const { features } = clarify.explainability;
  const fitted = fitLogisticModel(table, features, model.label, labelModel.positiveClass!);
  const rows = table.rows
    .filter(r => features.every(f => r[table.columns.indexOf(f)] !== ''))
    .map(r => features.map(f => Number(r[table.columns.indexOf(f)])));
  const background = [features.map(f => Number(table.mean[table.columns.indexOf(f)].toPrecision(8)))];
  const { analysis } = await runAttributionAnalysis({ explainer: new LinearModelExplainer(fitted, background), rows });
  const prefix = baselinePrefix(model.endpointName, clarify.explainability.schedule);
  await root.put(`${prefix}/model.json`, linearModelJson(fitted));
  await root.put(`${prefix}/shap_baseline.csv`, shapBaselineCsv(features, background));
  await root.put(`${prefix}/analysis.json`, writeClarifyAnalysis(analysis));
}
