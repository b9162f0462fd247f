import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDbEngine } from '../sql/DuckDbEngine';
import { sharedDataset } from '../testing/sharedFolder';
import { suggestModelQualityBaseline } from './suggestModelQualityBaseline';

/**
 * Binary and multiclass metrics on the Adult census data set with tiny hand-written models,
 * checked against straightforward reference computations written here (sorting for the AUC,
 * counting for the confusion matrices), independent of the engine's histogram and SQL path.
 */

interface AdultRow {
  age: number;
  educationNum: number;
  hoursPerWeek: number;
  capitalGain: number;
  marital: string;
  relationship: string;
  income: string;
}

function readAdult(): AdultRow[] {
  const [header, ...lines] = fs.readFileSync(sharedDataset('adult_income.csv'), 'utf8').trim().split('\n');
  const names = header.split(',');
  const at = (cells: string[], name: string) => cells[names.indexOf(name)];
  return lines.map(line => {
    const cells = line.split(',');
    return {
      age: Number(at(cells, 'age')),
      educationNum: Number(at(cells, 'education_num')),
      hoursPerWeek: Number(at(cells, 'hr_per_week')),
      capitalGain: Number(at(cells, 'capital_gain')),
      marital: at(cells, 'marital'),
      relationship: at(cells, 'relationship'),
      income: at(cells, 'income').trim(),
    };
  });
}

/** A hand-written logistic score for income > 50K. */
function incomeProbability(row: AdultRow): number {
  const married = row.marital.startsWith('Married') ? 1 : 0;
  const z =
    -8.2 + 0.035 * row.age + 0.33 * row.educationNum + 0.03 * row.hoursPerWeek +
    2.1 * married + (row.capitalGain > 5000 ? 3 : 0);
  // Rounded to 3 decimals so that many rows share a score: the AUC must handle ties.
  return Math.round((1 / (1 + Math.exp(-z))) * 1000) / 1000;
}

function maritalClass(marital: string): string {
  if (marital.startsWith('Married')) return 'married';
  return marital === 'Never-married' ? 'single' : 'formerly-married';
}

function maritalGuess(row: AdultRow): string {
  if (row.relationship === 'Husband' || row.relationship === 'Wife') return 'married';
  if (row.age < 30 || row.relationship === 'Own-child') return 'single';
  return 'formerly-married';
}

/** Exact ROC AUC by sorting: share of (positive, negative) pairs ranked right, ties half. */
function sortedAuc(scores: number[], labels: number[]): number {
  const order = scores.map((s, i) => [s, labels[i]] as const).sort((a, b) => a[0] - b[0]);
  let negativesBelow = 0;
  let pairsRight = 0;
  let i = 0;
  while (i < order.length) {
    let j = i;
    let pos = 0;
    let neg = 0;
    while (j < order.length && order[j][0] === order[i][0]) {
      if (order[j][1] === 1) pos++;
      else neg++;
      j++;
    }
    pairsRight += pos * negativesBelow + 0.5 * pos * neg;
    negativesBelow += neg;
    i = j;
  }
  const positives = labels.filter(l => l === 1).length;
  return pairsRight / (positives * (labels.length - positives));
}

const f = (p: number, r: number, b: number) => (p + r === 0 ? 0 : ((1 + b * b) * p * r) / (b * b * p + r));

describe('classification metrics on the Adult data set', () => {
  let engine: DuckDbEngine;
  let dir: string;
  const rows = readAdult();
  beforeAll(async () => {
    engine = await DuckDbEngine.create({ memoryLimit: '512MB' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mq-adult-'));
  });
  afterAll(async () => {
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('computes binary metrics, AUC and the confusion matrix as a direct computation does', async () => {
    const labels = rows.map(r => (r.income === '>50K' ? 1 : 0));
    const probabilities = rows.map(incomeProbability);
    const predictions = probabilities.map(p => (p >= 0.5 ? 1 : 0));
    const csv = path.join(dir, 'binary.csv');
    fs.writeFileSync(
      csv,
      `label,probability,prediction\n${rows
        .map((_r, i) => `${labels[i]},${probabilities[i]},${predictions[i]}`)
        .join('\n')}\n`,
    );
    const out = path.join(dir, 'binary');
    const { metrics, constraints } = await suggestModelQualityBaseline({
      engine,
      dataset: csv,
      header: true,
      problemType: 'BinaryClassification',
      inferenceAttribute: 'prediction',
      probabilityAttribute: 'probability',
      groundTruthAttribute: 'label',
      outputDir: out,
    });

    let tp = 0;
    let fp = 0;
    let tn = 0;
    let fn = 0;
    labels.forEach((l, i) => {
      if (l === 1 && predictions[i] === 1) tp++;
      else if (l === 1) fn++;
      else if (predictions[i] === 1) fp++;
      else tn++;
    });
    const value = (name: string) => metrics.values.get(name as never)?.value;
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    expect(value('recall')).toBeCloseTo(recall, 12);
    expect(value('precision')).toBeCloseTo(precision, 12);
    expect(value('accuracy')).toBeCloseTo((tp + tn) / rows.length, 12);
    expect(value('true_negative_rate')).toBeCloseTo(tn / (tn + fp), 12);
    expect(value('false_positive_rate')).toBeCloseTo(fp / (fp + tn), 12);
    expect(value('false_negative_rate')).toBeCloseTo(fn / (fn + tp), 12);
    expect(value('f0_5')).toBeCloseTo(f(precision, recall, 0.5), 12);
    expect(value('f1')).toBeCloseTo(f(precision, recall, 1), 12);
    expect(value('f2')).toBeCloseTo(f(precision, recall, 2), 12);
    expect(value('auc')).toBeCloseTo(sortedAuc(probabilities, labels), 12);
    // Most people earn <= 50K: the best constant classifier always says 0.
    const negatives = tn + fp;
    expect(value('accuracy_best_constant_classifier')).toBeCloseTo(negatives / rows.length, 12);
    expect(value('recall_best_constant_classifier')).toBe(0);
    expect(value('f1_best_constant_classifier')).toBe(0);

    const statistics = JSON.parse(fs.readFileSync(path.join(out, 'statistics.json'), 'utf8'));
    const section = statistics.binary_classification_metrics;
    expect(section.confusion_matrix).toEqual({ '0': { '0': tn, '1': fp }, '1': { '0': fn, '1': tp } });
    expect(Object.keys(section)).toEqual([
      'confusion_matrix', 'recall', 'precision', 'accuracy', 'recall_best_constant_classifier',
      'precision_best_constant_classifier', 'accuracy_best_constant_classifier', 'true_positive_rate',
      'true_negative_rate', 'false_positive_rate', 'false_negative_rate',
      'receiver_operating_characteristic_curve', 'precision_recall_curve', 'auc', 'f0_5', 'f1', 'f2',
      'f0_5_best_constant_classifier', 'f1_best_constant_classifier', 'f2_best_constant_classifier',
    ]);
    // 30k rows: standard deviations over the 80 % samples are small positive numbers.
    expect(section.auc.standard_deviation).toBeGreaterThan(0);
    expect(section.auc.standard_deviation).toBeLessThan(0.01);
    const roc = section.receiver_operating_characteristic_curve;
    expect(roc.false_positive_rates[0]).toBe(0);
    expect(roc.true_positive_rates.at(-1)).toBe(1);
    expect(section.precision_recall_curve.recalls[0]).toBe(0);
    expect(constraints.constraints.find(c => c.metric === 'false_positive_rate')).toEqual({
      metric: 'false_positive_rate',
      threshold: fp / (fp + tn),
      comparisonOperator: 'GreaterThanThreshold',
    });
  });

  it('derives predictions from the probability threshold when no inference attribute is given', async () => {
    const labels = rows.map(r => (r.income === '>50K' ? 1 : 0));
    const probabilities = rows.map(incomeProbability);
    const csv = path.join(dir, 'threshold.csv');
    // No header: SageMaker's columns _c0 (ground truth) and _c1 (probability).
    fs.writeFileSync(csv, `${rows.map((_r, i) => `${labels[i]},${probabilities[i]}`).join('\n')}\n`);
    const { metrics } = await suggestModelQualityBaseline({
      engine,
      dataset: csv,
      header: false,
      problemType: 'BinaryClassification',
      probabilityAttribute: '_c1',
      groundTruthAttribute: '_c0',
      probabilityThreshold: 0.3,
      outputDir: path.join(dir, 'threshold'),
    });
    const tp = labels.filter((l, i) => l === 1 && probabilities[i] >= 0.3).length;
    const positives = labels.filter(l => l === 1).length;
    expect(metrics.values.get('recall')?.value).toBeCloseTo(tp / positives, 12);
    expect(metrics.confusionMatrix?.count('1', '1')).toBe(tp);
  });

  it('computes support-weighted multiclass metrics and the confusion matrix', async () => {
    const actual = rows.map(r => maritalClass(r.marital));
    const predicted = rows.map(maritalGuess);
    const csv = path.join(dir, 'multiclass.csv');
    fs.writeFileSync(
      csv,
      `truth,guess\n${rows.map((_r, i) => `${actual[i]},${predicted[i]}`).join('\n')}\n`,
    );
    const out = path.join(dir, 'multiclass');
    const { metrics } = await suggestModelQualityBaseline({
      engine,
      dataset: csv,
      header: true,
      problemType: 'MulticlassClassification',
      inferenceAttribute: 'guess',
      groundTruthAttribute: 'truth',
      outputDir: out,
    });
    const classes = ['formerly-married', 'married', 'single'];
    const matrix: Record<string, Record<string, number>> = {};
    for (const a of classes) matrix[a] = Object.fromEntries(classes.map(p => [p, 0]));
    actual.forEach((a, i) => matrix[a][predicted[i]]++);
    const n = rows.length;
    let wRecall = 0;
    let wPrecision = 0;
    let wF1 = 0;
    let wF05 = 0;
    let correct = 0;
    for (const c of classes) {
      const support = classes.reduce((s, p) => s + matrix[c][p], 0);
      const predictedCount = classes.reduce((s, a) => s + matrix[a][c], 0);
      const recall = matrix[c][c] / support;
      const precision = predictedCount ? matrix[c][c] / predictedCount : 0;
      correct += matrix[c][c];
      wRecall += (support / n) * recall;
      wPrecision += (support / n) * precision;
      wF1 += (support / n) * f(precision, recall, 1);
      wF05 += (support / n) * f(precision, recall, 0.5);
    }
    const value = (name: string) => metrics.values.get(name as never)?.value;
    expect(value('accuracy')).toBeCloseTo(correct / n, 12);
    expect(value('weighted_recall')).toBeCloseTo(wRecall, 12);
    expect(value('weighted_precision')).toBeCloseTo(wPrecision, 12);
    expect(value('weighted_f1')).toBeCloseTo(wF1, 12);
    expect(value('weighted_f0_5')).toBeCloseTo(wF05, 12);
    // Married is the most frequent class; always predicting it:
    const marriedShare = actual.filter(a => a === 'married').length / n;
    expect(value('accuracy_best_constant_classifier')).toBeCloseTo(marriedShare, 12);
    expect(value('weighted_precision_best_constant_classifier')).toBeCloseTo(marriedShare ** 2, 12);

    const statistics = JSON.parse(fs.readFileSync(path.join(out, 'statistics.json'), 'utf8'));
    expect(statistics.multiclass_classification_metrics.confusion_matrix).toEqual(matrix);
    const constraints = JSON.parse(fs.readFileSync(path.join(out, 'constraints.json'), 'utf8'));
    expect(Object.keys(constraints.multiclass_classification_constraints)).toEqual([
      'accuracy', 'weighted_recall', 'weighted_precision', 'weighted_f0_5', 'weighted_f1', 'weighted_f2',
    ]);
  });
});
