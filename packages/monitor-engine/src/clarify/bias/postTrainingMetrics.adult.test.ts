import { sharedDataset } from '../../testing/sharedFolder';
import { readTabularDatasetRows, TabularRow } from '../dataset/readTabularDataset';
import { BiasAnalysisConfig } from './biasAnalysisConfig';
import { computePostTrainingMetrics, facetValueOrThreshold } from './biasReport';
import { biasTallyFromRows } from './biasTallyFromRows';
import { flipTest } from './flipTest';

/**
 * Metric values on the Adult data set (facet sex = Female, label income '>50K') against
 * independent, row-by-row textbook computations written here from the metric definitions.
 */

/** A tiny hand-written scoring rule standing in for a model. */
function score(row: TabularRow): number {
  const z =
    0.3 * (Number(row.education_num) - 10) +
    0.04 * (Number(row.age) - 38) +
    0.0004 * Number(row.capital_gain) +
    0.03 * (Number(row.hr_per_week) - 40) +
    (row.marital === 'Married-civ-spouse' ? 1.2 : -1.5);
  return 1 / (1 + Math.exp(-z));
}

interface Labeled {
  female: boolean;
  y: boolean;
  yHat: boolean;
  race: string;
  features: number[];
}

const FEATURES = ['age', 'education_num', 'capital_gain', 'capital_loss', 'hr_per_week'];

let rows: TabularRow[];
let labeled: Labeled[];

beforeAll(async () => {
  rows = (await readTabularDatasetRows(sharedDataset('adult_income.csv'))).map(r => ({
    ...r,
    score: score(r),
    predicted_income: score(r) > 0.5 ? '>50K' : '<=50K',
  }));
  labeled = rows.map(r => ({
    female: r.sex === 'Female',
    y: r.income === '>50K',
    yHat: (r.score as number) > 0.5,
    race: String(r.race),
    features: FEATURES.map(f => Number(r[f])),
  }));
});

const count = (xs: Labeled[], p: (x: Labeled) => boolean) => xs.filter(p).length;

function reference(all: Labeled[]) {
  const a = all.filter(x => !x.female);
  const d = all.filter(x => x.female);
  const rate = (xs: Labeled[], num: (x: Labeled) => boolean, den: (x: Labeled) => boolean) =>
    count(xs, x => num(x) && den(x)) / count(xs, den);
  const any = () => true;
  const tp = (x: Labeled) => x.y && x.yHat;
  const tn = (x: Labeled) => !x.y && !x.yHat;
  const benefit = all.map(x => Number(x.yHat) - Number(x.y) + 1);
  const mean = benefit.reduce((s, b) => s + b, 0) / benefit.length;
  const races = [...new Set(all.map(x => x.race))].sort();
  let cdd = 0;
  for (const race of races) {
    const g = all.filter(x => x.race === race);
    const accepted = count(g, x => x.yHat && x.female) / count(g, x => x.yHat);
    const rejected = count(g, x => !x.yHat && x.female) / count(g, x => !x.yHat);
    cdd += g.length * (rejected - accepted);
  }
  return {
    DPPL: rate(a, x => x.yHat, any) - rate(d, x => x.yHat, any),
    DI: rate(d, x => x.yHat, any) / rate(a, x => x.yHat, any),
    DCA: count(a, x => x.y) / count(a, x => x.yHat) - count(d, x => x.y) / count(d, x => x.yHat),
    DCR: count(d, x => !x.y) / count(d, x => !x.yHat) - count(a, x => !x.y) / count(a, x => !x.yHat),
    RD: rate(a, x => x.yHat, x => x.y) - rate(d, x => x.yHat, x => x.y),
    SD: rate(d, x => !x.yHat, x => !x.y) - rate(a, x => !x.yHat, x => !x.y),
    DAR: rate(a, x => x.y, x => x.yHat) - rate(d, x => x.y, x => x.yHat),
    DRR: rate(d, x => !x.y, x => !x.yHat) - rate(a, x => !x.y, x => !x.yHat),
    AD: count(a, x => tp(x) || tn(x)) / a.length - count(d, x => tp(x) || tn(x)) / d.length,
    TE:
      count(d, x => x.y && !x.yHat) / count(d, x => !x.y && x.yHat) -
      count(a, x => x.y && !x.yHat) / count(a, x => !x.y && x.yHat),
    GE: benefit.reduce((s, b) => s + (b / mean) ** 2 - 1, 0) / (all.length * 2),
    CDDPL: cdd / all.length,
  };
}

/** Naive FT: sort every advantaged row by distance, vote among the k nearest. */
function referenceFlipTest(sample: Labeled[]): number {
  const a = sample.filter(x => !x.female);
  const d = sample.filter(x => x.female);
  const k = a.length > 9 ? 5 : 1;
  let flips = 0;
  for (const x of d) {
    const nearest = a
      .map((n, i) => ({ i, dist: Math.hypot(...n.features.map((v, j) => v - x.features[j])), yHat: n.yHat }))
      .sort((p, q) => p.dist - q.dist || p.i - q.i)
      .slice(0, k);
    const knnPositive = nearest.filter(n => n.yHat).length > k / 2;
    if (x.yHat && !knnPositive) flips += 1;
    if (!x.yHat && knnPositive) flips -= 1;
  }
  return flips / d.length;
}

describe('post-training bias metrics on Adult (sex = Female, income >50K)', () => {
  const config: BiasAnalysisConfig = {
    facet: { column: 'sex', values: ['Female'] },
    label: { column: 'income', positiveValues: ['>50K'] },
    prediction: { column: 'score', probabilityThreshold: 0.5 },
    groupVariable: 'race',
  };

  it('match independent computations', () => {
    const { tally } = biasTallyFromRows(rows, config);
    expect(tally.rowsUsed).toBe(30162);
    const metrics = computePostTrainingMetrics(config, tally);
    expect(metrics.map(m => m.name)).toEqual(
      ['AD', 'CDDPL', 'DAR', 'DCA', 'DCR', 'DI', 'DPPL', 'DRR', 'FT', 'GE', 'RD', 'SD', 'TE'],
    );
    const expected = reference(labeled);
    for (const [name, value] of Object.entries(expected)) {
      const got = metrics.find(m => m.name === name)!;
      expect({ name, value: got.value }).toEqual({ name, value: expect.closeTo(value, 12) });
    }
    // A sanity anchor: the rule favours men, as the census data does.
    expect(expected.DPPL).toBeGreaterThan(0.1);
    expect(expected.DI).toBeLessThan(0.5);
    expect(facetValueOrThreshold(config, tally)).toBe('Female');
  });

  it('give the same counts when the prediction is a predicted label', () => {
    const labelConfig: BiasAnalysisConfig = { ...config, prediction: { column: 'predicted_income' } };
    const byScore = computePostTrainingMetrics(config, biasTallyFromRows(rows, config).tally);
    const byLabel = computePostTrainingMetrics(labelConfig, biasTallyFromRows(rows, labelConfig).tally);
    expect(byLabel).toEqual(byScore);
  });

  it('compute the Flip Test like a naive k-NN', () => {
    const sample = rows.slice(0, 1500);
    const withFeatures = { ...config, featureColumns: FEATURES };
    const { flipTestRows } = biasTallyFromRows(sample, withFeatures);
    const ft = flipTest({ rows: flipTestRows! });
    expect(ft.value).toBeCloseTo(referenceFlipTest(labeled.slice(0, 1500)), 12);
    expect(ft.value).not.toBe(0);
  });

  it('refuse the Flip Test on non-numeric features, as Clarify does', () => {
    const { flipTestRows, nonNumericFeatureColumns } = biasTallyFromRows(rows.slice(0, 200), {
      ...config,
      featureColumns: ['age', 'occupation'],
    });
    expect(nonNumericFeatureColumns).toEqual(['occupation']);
    expect(flipTest({ rows: flipTestRows!, nonNumericColumns: nonNumericFeatureColumns }).error).toBe(
      'FlipTest does not support non-numeric columns',
    );
  });

  it('render a numeric facet threshold as Clarify does', () => {
    const ageConfig: BiasAnalysisConfig = { ...config, facet: { column: 'age', threshold: 40 } };
    const { tally } = biasTallyFromRows(rows, ageConfig);
    expect(facetValueOrThreshold(ageConfig, tally)).toBe('(40, 90]');
  });
});
