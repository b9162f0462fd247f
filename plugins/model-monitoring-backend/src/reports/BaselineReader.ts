import { ObjectNotFoundError, readConstraints, readStatistics, type Constraints, type Statistics } from '@mlmon/monitor-engine';
import { TtlCache } from '../service/TtlCache';
import type { OpenStore } from './ReportReader';

/** Thresholds of a model-quality constraints.json: metric → threshold and operator. */
export type QualityConstraints = Record<
  string,
  { threshold: number; comparison: 'LessThanThreshold' | 'GreaterThanThreshold' }
>;

/**
 * Reads baselines (constraints.json, statistics.json) and report files that do not change once
 * written, with a short cache: it is only used behind an authorized entity route.
 */
export class BaselineReader {
  private readonly cache = new TtlCache<unknown>(60_000, 2000);

  constructor(private readonly openStore: OpenStore) {}

  private async json(location: string, file: string): Promise<unknown | undefined> {
    const key = `${location}\u0000${file}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit === null ? undefined : hit;
    let text: string | undefined;
    try {
      text = (await this.openStore(location).get(file)).toString('utf8');
    } catch (error) {
      if (!(error instanceof ObjectNotFoundError)) throw error;
    }
    let value: unknown = null;
    if (text !== undefined) {
      try {
        value = JSON.parse(text);
      } catch (error) {
        throw new Error(`${location}/${file} is not valid JSON: ${(error as Error).message}`);
      }
    }
    this.cache.set(key, value);
    return value === null ? undefined : value;
  }

  async statistics(location: string): Promise<Statistics | undefined> {
    const raw = await this.json(location, 'statistics.json');
    return raw === undefined ? undefined : readStatistics(JSON.stringify(raw), `${location}/statistics.json`);
  }

  async dataConstraints(location: string): Promise<Constraints | undefined> {
    const raw = await this.json(location, 'constraints.json');
    return raw === undefined ? undefined : readConstraints(JSON.stringify(raw), `${location}/constraints.json`);
  }

  /** Raw statistics.json of a model-quality report or baseline (metric groups by problem type). */
  async rawStatistics(location: string): Promise<Record<string, unknown> | undefined> {
    return (await this.json(location, 'statistics.json')) as Record<string, unknown> | undefined;
  }

  /** Any JSON report file, parsed; undefined when missing. */
  async rawFile(location: string, file: string): Promise<unknown | undefined> {
    return this.json(location, file);
  }

  async qualityConstraints(location: string): Promise<QualityConstraints> {
    const raw = (await this.json(location, 'constraints.json')) as Record<string, unknown> | undefined;
    const out: QualityConstraints = {};
    for (const key of ['binary_classification_constraints', 'multiclass_classification_constraints', 'regression_constraints']) {
      const group = raw?.[key] as Record<string, { threshold?: unknown; comparison_operator?: unknown }> | undefined;
      for (const [metric, c] of Object.entries(group ?? {})) {
        if (typeof c.threshold === 'number' && (c.comparison_operator === 'LessThanThreshold' || c.comparison_operator === 'GreaterThanThreshold')) {
          out[metric] = { threshold: c.threshold, comparison: c.comparison_operator };
        }
      }
    }
    return out;
  }
}
