import { scaledBucketCounts } from './scaledBucketCounts';

describe('scaledBucketCounts', () => {
  it('keeps the counts of a sample that is the whole column', () => {
    expect(scaledBucketCounts([3, 0, 7], 10, 10)).toEqual([3, 0, 7]);
  });

  it('scales a sample to the column count, adding up exactly', () => {
    const scaled = scaledBucketCounts([1, 1, 1], 3, 1000);
    expect(scaled).toEqual([334, 333, 333]);
    // 499999.5, 0, 199999.8, 299999.7: the largest remainders get the two left over.
    expect(scaledBucketCounts([5, 0, 2, 3], 10, 999_999)).toEqual([
      499999, 0, 200000, 300000,
    ]);
  });
});
