import {
  BiasAnalysisConfig,
  CellValue,
  isMissing,
  isProbabilityPrediction,
  isThresholdFacet,
  isThresholdLabel,
  matchesAnyValue,
  numericCell,
} from './biasAnalysisConfig';
import { BiasCountCell, BiasTally, NumericRange, biasCountsFromCells } from './biasTally';
import { FlipTestRow } from './flipTest';

export type DataRow = Readonly<Record<string, CellValue>>;

/** A row's flags under a bias config, or the first column that made it unusable. */
export type ClassifiedRow =
  | { ok: true; inFacet: boolean; labelPositive: boolean; predictedPositive: boolean; group?: string }
  | { ok: false; reason: 'facet' | 'label' | 'prediction' | 'groupVariable' };

export function classifyRow(row: DataRow, config: BiasAnalysisConfig): ClassifiedRow {
  const { facet, label, prediction } = config;
  const facetValue = row[facet.column];
  let inFacet: boolean;
  if (isThresholdFacet(facet)) {
    const n = numericCell(facetValue);
    if (n === undefined) return { ok: false, reason: 'facet' };
    inFacet = n > facet.threshold;
  } else {
    if (isMissing(facetValue)) return { ok: false, reason: 'facet' };
    inFacet = matchesAnyValue(facetValue, facet.values);
  }
  const labelPositive = positiveUnderLabel(row[label.column], config);
  if (labelPositive === undefined) return { ok: false, reason: 'label' };
  let predictedPositive: boolean | undefined;
  if (isProbabilityPrediction(prediction)) {
    const score = numericCell(row[prediction.column]);
    predictedPositive = score === undefined ? undefined : score > prediction.probabilityThreshold;
  } else {
    predictedPositive = positiveUnderLabel(row[prediction.column], config);
  }
  if (predictedPositive === undefined) return { ok: false, reason: 'prediction' };
  if (config.groupVariable !== undefined) {
    const group = row[config.groupVariable];
    if (isMissing(group)) return { ok: false, reason: 'groupVariable' };
    return { ok: true, inFacet, labelPositive, predictedPositive, group: String(group) };
  }
  return { ok: true, inFacet, labelPositive, predictedPositive };
}

function positiveUnderLabel(value: CellValue, config: BiasAnalysisConfig): boolean | undefined {
  const { label } = config;
  if (isThresholdLabel(label)) {
    const n = numericCell(value);
    return n === undefined ? undefined : n > label.threshold;
  }
  return isMissing(value) ? undefined : matchesAnyValue(value, label.positiveValues);
}

/** The largest numeric value seen in a column, and whether every value was an integer. */
class RangeTracker {
  private max = -Infinity;
  private allIntegers = true;

  add(value: CellValue): void {
    const n = numericCell(value);
    if (n === undefined) return;
    if (n > this.max) this.max = n;
    if (!Number.isInteger(n) || (typeof value === 'string' && /[.eE]/.test(value))) this.allIntegers = false;
  }

  range(): NumericRange | undefined {
    return this.max === -Infinity ? undefined : { max: this.max, allIntegers: this.allIntegers };
  }
}

/**
 * Tallies in-memory rows (a baseline data set, or a window small enough for memory). Also
 * collects the Flip Test rows when `config.featureColumns` is set.
 */
export function biasTallyFromRows(
  rows: Iterable<DataRow>,
  config: BiasAnalysisConfig,
): { tally: BiasTally; flipTestRows?: FlipTestRow[]; nonNumericFeatureColumns: string[] } {
  const cells = new Map<string, BiasCountCell>();
  const skipped = { facet: 0, label: 0, prediction: 0, groupVariable: 0 };
  const facetRange = new RangeTracker();
  const labelRange = new RangeTracker();
  const features = config.featureColumns;
  const flipTestRows: FlipTestRow[] | undefined = features ? [] : undefined;
  const nonNumeric = new Set<string>();
  let used = 0;
  for (const row of rows) {
    const c = classifyRow(row, config);
    if (!c.ok) {
      skipped[c.reason] += 1;
      continue;
    }
    used += 1;
    facetRange.add(row[config.facet.column]);
    labelRange.add(row[config.label.column]);
    const key = `${+c.inFacet}${+c.labelPositive}${+c.predictedPositive}${c.group ?? ''}`;
    const cell = cells.get(key);
    if (cell) cell.rows += 1;
    else cells.set(key, { inFacet: c.inFacet, labelPositive: c.labelPositive, predictedPositive: c.predictedPositive, group: c.group, rows: 1 });
    if (features && flipTestRows) {
      const values = features.map(column => {
        const n = numericCell(row[column]);
        if (n === undefined && !isMissing(row[column])) nonNumeric.add(column);
        return n ?? NaN;
      });
      flipTestRows.push({ features: values, inFacet: c.inFacet, predictedPositive: c.predictedPositive });
    }
  }
  const tally: BiasTally = {
    counts: biasCountsFromCells(cells.values(), config.groupVariable !== undefined),
    rowsUsed: used,
    rowsSkipped: skipped,
    facetRange: isThresholdFacet(config.facet) ? facetRange.range() : undefined,
    labelRange: isThresholdLabel(config.label) ? labelRange.range() : undefined,
  };
  return { tally, flipTestRows, nonNumericFeatureColumns: [...nonNumeric] };
}
