import { bias } from '../../__testUtils__/clarifyFixtures';
import {
  biasMetricsInReadingOrder,
  facetInWords,
  isOutsideBand,
  ndcgVerdict,
  rankMove,
} from './clarifyWords';

const ranked = (baselineRank: number | null, currentRank: number | null) => ({
  feature: 'age',
  baseline: null,
  current: null,
  baselineRank,
  currentRank,
});

describe('clarifyWords', () => {
  it('writes the facet as a value or as a threshold', () => {
    expect(facetInWords(bias.facet!)).toBe(
      'sex = Female, positive label income = >50K',
    );
    expect(
      facetInWords({
        column: 'age',
        value: '>= 40',
        label: 'income',
        positiveLabel: '1',
      }),
    ).toBe('age >= 40, positive label income = 1');
  });

  it('orders violated metrics first, then those outside their band, then by name', () => {
    const unflaggedOutside = {
      ...bias.metrics[0],
      metric: 'CDDPL',
      latest: 0.3,
      violated: false,
    };
    expect(
      biasMetricsInReadingOrder([...bias.metrics, unflaggedOutside]).map(
        m => m.metric,
      ),
    ).toEqual(['DI', 'CDDPL', 'AD', 'DPPL']);
    expect(isOutsideBand(0.2, { lower: 0.35, upper: 1.65 })).toBe(true);
    expect(isOutsideBand(1.65, { lower: 0.35, upper: 1.65 })).toBe(false);
    expect(isOutsideBand(null, { lower: 0.35, upper: 1.65 })).toBe(false);
    expect(isOutsideBand(5, null)).toBe(false);
  });

  it('turns rank changes into arrows and words', () => {
    expect(rankMove(ranked(4, 2))).toEqual({
      symbol: '▲2',
      words: 'up 2 places',
      direction: 'up',
    });
    expect(rankMove(ranked(1, 2)).symbol).toBe('▼1');
    expect(rankMove(ranked(1, 2)).words).toBe('down 1 place');
    expect(rankMove(ranked(3, 3)).symbol).toBe('=');
    expect(rankMove(ranked(null, 7)).symbol).toBe('new');
    expect(rankMove(ranked(7, null)).symbol).toBe('gone');
  });

  it('states the NDCG verdict against the threshold', () => {
    expect(
      ndcgVerdict({ ndcgNow: 0.7234, threshold: 0.9, violated: true }),
    ).toEqual({
      status: 'violated',
      text: 'NDCG 0.72 < 0.90 threshold: the model now relies on different features',
    });
    expect(
      ndcgVerdict({ ndcgNow: 0.8996, threshold: 0.9, violated: true }).text,
    ).toMatch(/^NDCG 0.8996 < 0.90 threshold/);
    expect(
      ndcgVerdict({ ndcgNow: 0.95, threshold: 0.9, violated: false }).status,
    ).toBe('ok');
    expect(
      ndcgVerdict({ ndcgNow: null, threshold: 0.9, violated: false }).text,
    ).toBe('No NDCG for the newest window yet (threshold 0.90)');
  });
});
