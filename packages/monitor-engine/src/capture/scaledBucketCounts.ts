/**
 * Bucket counts of a column read from a sample of its values, scaled to the column's count:
 * each bucket gets its share of the sample times the count, rounded so that the buckets add up
 * to the count exactly (largest remainders first, the lower bucket on a tie). deequ, too,
 * counts buckets from its sketch rather than from every value. A sample that is the whole
 * column gives its counts unchanged.
 */
export function scaledBucketCounts(
  sampleCounts: readonly number[],
  sampleSize: number,
  count: number,
): number[] {
  if (sampleSize <= 0 || sampleSize >= count) return [...sampleCounts];
  const exact = sampleCounts.map(c => (c * count) / sampleSize);
  const scaled = exact.map(Math.floor);
  let missing = count - scaled.reduce((a, b) => a + b, 0);
  const order = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of order) {
    if (missing <= 0) break;
    scaled[index] += 1;
    missing -= 1;
  }
  return scaled;
}
