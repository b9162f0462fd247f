/**
 * Aggregated counts from which every count-based post-training bias metric is computed. The
 * monitor gets them from one SQL GROUP BY (or from rows in memory); the metrics themselves are
 * pure functions over these counts, so they can be tested without any data source.
 *
 * Terms follow smclarify: the facet group `d` ("disadvantaged", the rows whose facet value was
 * selected) and the rest `a` ("advantaged"). Positive/negative refer to the label's positive
 * value(s) for observed labels, and to the predicted label for predictions.
 */
export interface ConfusionCounts {
  truePositive: number;
  falsePositive: number;
  falseNegative: number;
  trueNegative: number;
}

/** Confusion counts split by facet membership. */
export interface FacetConfusionCounts {
  /** Rows outside the facet (smclarify's `a`, `~sensitive_facet_index`). */
  advantaged: ConfusionCounts;
  /** Rows in the facet (smclarify's `d`, `sensitive_facet_index`). */
  disadvantaged: ConfusionCounts;
}

/** Predicted-label counts of one value of the group variable (for CDDPL). */
export interface GroupPredictionCounts {
  group: string;
  /** Rows of the group predicted positive, and how many of them are in the facet. */
  predictedPositive: number;
  predictedPositiveInFacet: number;
  /** Rows of the group predicted negative, and how many of them are in the facet. */
  predictedNegative: number;
  predictedNegativeInFacet: number;
}

/** Everything the count-based metrics need for one facet value. */
export interface BiasCounts {
  confusion: FacetConfusionCounts;
  /** Present only when a group variable was configured (CDDPL needs it). */
  groups?: GroupPredictionCounts[];
}

export function emptyConfusion(): ConfusionCounts {
  return { truePositive: 0, falsePositive: 0, falseNegative: 0, trueNegative: 0 };
}

export function confusionTotal(c: ConfusionCounts): number {
  return c.truePositive + c.falsePositive + c.falseNegative + c.trueNegative;
}

/** Adds one classified row (or `count` identical rows) to confusion counts, in place. */
export function addToConfusion(
  c: ConfusionCounts,
  labelPositive: boolean,
  predictedPositive: boolean,
  count = 1,
): void {
  if (labelPositive && predictedPositive) c.truePositive += count;
  else if (!labelPositive && predictedPositive) c.falsePositive += count;
  else if (labelPositive && !predictedPositive) c.falseNegative += count;
  else c.trueNegative += count;
}
