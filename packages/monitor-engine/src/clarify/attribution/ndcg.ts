/**
 * NDCG of a window's feature ranking against the baseline's, as Clarify's feature attribution
 * drift check computes it (scikit-learn's `ndcg_score` with the baseline global attributions as
 * the true relevance and the window's as the scores):
 *
 *   F  = features by baseline attribution, descending; F′ = features by window attribution, descending
 *   DCG  = Σ_{i=1..m} a(F′_i) / log2(i + 1)      a = the BASELINE attribution (in both sums)
 *   iDCG = Σ_{i=1..m} a(F_i)  / log2(i + 1)
 *   NDCG = DCG / iDCG
 *
 * Features tied in the window's scores share their places as scikit-learn does (the tie group's
 * mean gain times the sum of the group's discounts), so the result does not depend on the order
 * of equal scores. Features present on one side only count as 0 on the other. An all-zero
 * baseline (iDCG = 0) gives 0, as in scikit-learn.
 */
export function attributionNdcg(
  baseline: Readonly<Record<string, number>>,
  current: Readonly<Record<string, number>>,
): number {
  const features = [...new Set([...Object.keys(baseline), ...Object.keys(current)])];
  const gain = (f: string) => baseline[f] ?? 0;
  const score = (f: string) => current[f] ?? 0;
  const discount = (position: number) => 1 / Math.log2(position + 2); // position is 0-based

  const ideal = features.map(gain).sort((x, y) => y - x);
  const idealDcg = ideal.reduce((sum, g, i) => sum + g * discount(i), 0);
  if (idealDcg === 0) return 0;

  const ranked = [...features].sort((x, y) => score(y) - score(x));
  let dcg = 0;
  for (let start = 0; start < ranked.length; ) {
    let end = start + 1;
    while (end < ranked.length && score(ranked[end]) === score(ranked[start])) end++;
    let groupGain = 0;
    let groupDiscount = 0;
    for (let i = start; i < end; i++) {
      groupGain += gain(ranked[i]);
      groupDiscount += discount(i);
    }
    dcg += (groupGain / (end - start)) * groupDiscount;
    start = end;
  }
  return dcg / idealDcg;
}
