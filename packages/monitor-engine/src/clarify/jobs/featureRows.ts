import { numericCell } from '../bias/biasAnalysisConfig';
import { FeatureRow } from '../attribution/explainer';
import { TabularRow, readTabularDataset } from '../dataset/readTabularDataset';

/**
 * Feature rows for an explainer from a data set file: the named columns in order, numbers where
 * the cell is numeric. At most `maxRows` rows are kept, chosen by a seeded reservoir sample so
 * memory and model calls stay bounded and runs repeat; how many rows were seen is returned.
 */
export async function sampleFeatureRows(
  file: string,
  featureNames: readonly string[],
  options: { maxRows: number; seed?: number },
): Promise<{ rows: FeatureRow[]; records: TabularRow[]; seen: number }> {
  const random = seeded(options.seed ?? 0);
  const records: TabularRow[] = [];
  let seen = 0;
  let line = 0;
  for await (const record of readTabularDataset(file)) {
    line += 1;
    for (const name of featureNames) {
      if (!(name in record)) throw new Error(`${file}, record ${line}: field ${name} is missing`);
    }
    seen += 1;
    if (records.length < options.maxRows) records.push(record);
    else {
      const j = Math.floor(random() * seen);
      if (j < options.maxRows) records[j] = record;
    }
  }
  const rows = records.map(r => featureNames.map(name => numericCell(r[name]) ?? r[name] ?? null));
  return { rows, records, seen };
}

/**
 * One background row summarising the data (mean of numeric features, most frequent value of
 * the others), used as the SHAP baseline when none is given. Clarify's explainability monitor
 * takes the baseline from its configuration; a single summary row is the smallest choice that
 * keeps Kernel SHAP's model calls low.
 */
export function summaryBackgroundRow(rows: readonly FeatureRow[], featureCount: number): FeatureRow {
  return Array.from({ length: featureCount }, (_, f) => {
    const values = rows.map(r => r[f]);
    const numbers = values.map(v => (typeof v === 'number' ? v : undefined)).filter((v): v is number => v !== undefined);
    if (numbers.length === values.length && numbers.length > 0) {
      return numbers.reduce((s, v) => s + v, 0) / numbers.length;
    }
    const counts = new Map<string, number>();
    for (const v of values) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null;
  });
}

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
