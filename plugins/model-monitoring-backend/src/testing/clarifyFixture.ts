import {
  LinearModelExplainer,
  linearModelJson,
  openObjectStore,
  readDatasetTable,
  runAttributionAnalysis,
  shapBaselineCsv,
  simulateTraffic,
  writeClarifyAnalysis,
  type LinearModel,
} from '@mlmon/monitor-engine';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sharedDataset } from './sharedFolder';

export const ADULT_FEATURES = [
  'age', 'type_employer', 'fnlwgt', 'education', 'education_num', 'marital', 'occupation',
  'relationship', 'race', 'sex', 'capital_gain', 'capital_loss', 'hr_per_week', 'country',
];

/** A logistic model of >50K on the Adult data's numeric columns (coefficients of a quick fit). */
export const ADULT_MODEL: LinearModel = {
  kind: 'logistic',
  featureNames: ['age', 'education_num', 'capital_gain', 'capital_loss', 'hr_per_week'],
  weights: [0.04, 0.33, 0.0003, 0.0007, 0.035],
  intercept: -8.5,
};

/**
 * A data root for the Clarify monitors of an income classifier: captured traffic and ground
 * truth simulated from the real Adult data set, with women's positive predictions turned
 * negative and hours per week shifted by 30 from `episodeFrom` on; a bias baseline
 * (analysis.json with the DI and DPPL a team accepts) and an explainability baseline
 * (model.json, shap_baseline.csv and the model's global SHAP values on the data set).
 */
export async function createClarifyDataRoot(options: {
  endpoint: string;
  biasSchedule: string;
  explainSchedule: string;
  start: Date;
  hours: number;
  episodeFrom: Date;
}): Promise<string> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mlmon-backend-clarify-'));
  const store = openObjectStore(root);
  const baselines = `baselines/${options.endpoint}`;
  await store.put(
    `${baselines}/${options.biasSchedule}/analysis.json`,
    writeClarifyAnalysis({
      version: '1.0',
      post_training_bias_metrics: {
        label: 'income',
        label_value_or_threshold: '1',
        facets: { sex: [{ value_or_threshold: 'Female', metrics: [
          { name: 'DI', description: 'Disparate Impact (DI)', value: 0.3 },
          { name: 'DPPL', description: 'Difference in Positive Proportions in Predicted Labels (DPPL)', value: 0.32 },
        ] }] },
      },
    }),
  );
  const table = readDatasetTable(sharedDataset('adult_income.csv'));
  const rows = table.rows.slice(0, 3000).map(r => ADULT_MODEL.featureNames.map(f => Number(r[table.columns.indexOf(f)])));
  const background = [ADULT_MODEL.featureNames.map(f => table.mean[table.columns.indexOf(f)])];
  const { analysis } = await runAttributionAnalysis({ explainer: new LinearModelExplainer(ADULT_MODEL, background), rows });
  await store.put(`${baselines}/${options.explainSchedule}/analysis.json`, writeClarifyAnalysis(analysis));
  await store.put(`${baselines}/${options.explainSchedule}/model.json`, linearModelJson(ADULT_MODEL));
  await store.put(`${baselines}/${options.explainSchedule}/shap_baseline.csv`, shapBaselineCsv(ADULT_MODEL.featureNames, background));
  const from = options.episodeFrom.toISOString();
  await simulateTraffic({
    dataset: table,
    endpoint: options.endpoint,
    output: openObjectStore(path.join(root, 'capture')),
    groundTruth: openObjectStore(path.join(root, 'ground-truth', options.endpoint)),
    start: options.start,
    hours: options.hours,
    ratePerHour: 400,
    seed: 11,
    label: 'income',
    fileMinutes: 30,
    bias: `column=sex,value=Female,flip=1,from=${from}`,
    drift: `hr_per_week:shift=30,from=${from}`,
  });
  return root;
}
