import {
  BiasCounts,
  GroupPredictionCounts,
  addToConfusion,
  emptyConfusion,
} from './biasCounts';

/**
 * Counts gathered from a data set (by SQL or from rows) for one bias analysis, plus what the
 * report needs besides counts: the observed maximum of a numeric facet/label (Clarify renders a
 * threshold as "(threshold, max]") and how many rows were skipped and why.
 */
export interface BiasTally {
  counts: BiasCounts;
  rowsUsed: number;
  /** Rows left out because the named column was missing or unusable (never silently dropped). */
  rowsSkipped: { facet: number; label: number; prediction: number; groupVariable: number };
  facetRange?: NumericRange;
  labelRange?: NumericRange;
}

/** The largest value of a numeric column and whether every value was a whole number. */
export interface NumericRange {
  max: number;
  allIntegers: boolean;
}

/** One aggregated cell of the GROUP BY: how many rows share these flags (and group value). */
export interface BiasCountCell {
  inFacet: boolean;
  labelPositive: boolean;
  predictedPositive: boolean;
  group?: string;
  rows: number;
}

/** Folds aggregated cells into {@link BiasCounts}; `withGroups` adds the CDDPL group counts. */
export function biasCountsFromCells(cells: Iterable<BiasCountCell>, withGroups: boolean): BiasCounts {
  const confusion = { advantaged: emptyConfusion(), disadvantaged: emptyConfusion() };
  const groups = new Map<string, GroupPredictionCounts>();
  for (const cell of cells) {
    addToConfusion(
      cell.inFacet ? confusion.disadvantaged : confusion.advantaged,
      cell.labelPositive,
      cell.predictedPositive,
      cell.rows,
    );
    if (withGroups && cell.group !== undefined) {
      const g = groups.get(cell.group) ?? {
        group: cell.group,
        predictedPositive: 0,
        predictedPositiveInFacet: 0,
        predictedNegative: 0,
        predictedNegativeInFacet: 0,
      };
      if (cell.predictedPositive) {
        g.predictedPositive += cell.rows;
        if (cell.inFacet) g.predictedPositiveInFacet += cell.rows;
      } else {
        g.predictedNegative += cell.rows;
        if (cell.inFacet) g.predictedNegativeInFacet += cell.rows;
      }
      groups.set(cell.group, g);
    }
  }
  return withGroups ? { confusion, groups: [...groups.values()] } : { confusion };
}
