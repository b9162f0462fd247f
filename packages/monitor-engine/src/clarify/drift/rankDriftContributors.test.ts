import { attributionChangeByFeature, rankDriftContributors } from './rankDriftContributors';

describe('rankDriftContributors', () => {
  it('weights drift by attribution so the model-relevant feature comes first', () => {
    // capital_gain drifts moderately but carries 60 % of the attribution; country drifts a lot
    // but the model barely uses it. weights: 0.6, 0.3, 0.1; contributions: 0.3·0.6 = 0.18,
    // 0.1·0.3 = 0.03, 0.9·0.1 = 0.09; total 0.30.
    const ranked = rankDriftContributors({
      driftByFeature: { capital_gain: 0.3, age: 0.1, country: 0.9, zip: 0.5 },
      attributionByFeature: { capital_gain: 0.06, age: -0.03, country: 0.01 },
    });
    expect(ranked.map(r => r.feature)).toEqual(['capital_gain', 'country', 'age', 'zip']);
    expect(ranked[0].contribution).toBeCloseTo(0.18, 12);
    expect(ranked[0].share).toBeCloseTo(0.6, 12);
    expect(ranked[1].share).toBeCloseTo(0.3, 12);
    expect(ranked[2].weight).toBeCloseTo(0.3, 12);
    expect(ranked[3]).toMatchObject({ feature: 'zip', attribution: null, weight: 0, share: 0, rank: 4 });
  });

  it('measures attribution changes per feature', () => {
    expect(attributionChangeByFeature({ a: 0.5, b: 0.1 }, { a: 0.2, c: 0.4 })).toEqual({ a: 0.3, b: 0.1, c: 0.4 });
  });
});
