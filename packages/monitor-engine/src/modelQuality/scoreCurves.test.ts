import { scoreCurves } from './scoreCurves';

describe('scoreCurves', () => {
  it("gives the curves of the AWS documentation example (four positives, distinct scores)", () => {
    const curves = scoreCurves([0.9, 0.8, 0.7, 0.6].map(score => ({ score, positives: 1, negatives: 0 })));
    // binary_classification_metrics in the model-quality metrics doc page:
    expect(curves.falsePositiveRates).toEqual([0, 0, 0, 0, 0, 1]);
    expect(curves.truePositiveRates).toEqual([0, 0.25, 0.5, 0.75, 1, 1]);
    expect(curves.precisions).toEqual([1, 1, 1, 1, 1]);
    expect(curves.recalls).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('counts ties as one half in the AUC (Mann-Whitney)', () => {
    expect(scoreCurves([{ score: 0.5, positives: 3, negatives: 7 }]).auc).toBe(0.5);
    // Of the four (positive, negative) pairs three are ranked right and one is tied: 3.5 / 4.
    const auc = scoreCurves([
      { score: 0.9, positives: 1, negatives: 0 },
      { score: 0.4, positives: 1, negatives: 1 },
      { score: 0.1, positives: 0, negatives: 1 },
    ]).auc;
    expect(auc).toBeCloseTo(0.875, 15);
  });

  it("thins long curves as Spark's numBins does, keeping the exact AUC", () => {
    const buckets = Array.from({ length: 10 }, (_v, i) => ({ score: i / 10, positives: i % 2, negatives: 1 - (i % 2) }));
    const full = scoreCurves(buckets, 0);
    const thinned = scoreCurves(buckets, 4);
    expect(full.truePositiveRates).toHaveLength(12);
    // grouping = floor(10 / 4) = 2: the 2nd, 4th, … thresholds remain, framed by (0,0) and (1,1).
    expect(thinned.truePositiveRates).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1, 1]);
    expect(thinned.auc).toBe(full.auc);
  });
});
