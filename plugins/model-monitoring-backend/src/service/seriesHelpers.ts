import type { SourceError } from '@mlmon/plugin-model-monitoring-common';
import type { BaselineReader } from '../reports/BaselineReader';

/** A part of a series answer that could not be read (the rest stays valid). */
export function sourceError(source: string, error: unknown): SourceError {
  return { source, code: 502, message: (error as Error).message };
}

/** The newest execution whose reports are complete, if any. */
export function lastUsable<T extends { status: string }>(rows: T[]): T | undefined {
  for (let i = rows.length - 1; i >= 0; i--) {
    if (rows[i].status === 'Completed' || rows[i].status === 'CompletedWithViolations') return rows[i];
  }
  return undefined;
}

/** One violation of constraint_violations.json, as the series routes show it. */
export interface ReportedViolation {
  feature?: string;
  metric?: string;
  checkType: string;
  description: string;
}

/** constraint_violations.json of a report folder (through the baseline reader's cache). */
export async function readViolations(baselines: BaselineReader, reportUri: string): Promise<ReportedViolation[]> {
  const raw = (await baselines.rawFile(reportUri, 'constraint_violations.json')) as
    | { violations?: Array<{ feature_name?: string; metric_name?: string; constraint_check_type?: string; description?: string }> }
    | undefined;
  return (raw?.violations ?? []).map(v => ({
    feature: v.feature_name,
    metric: v.metric_name,
    checkType: String(v.constraint_check_type ?? 'unknown'),
    description: String(v.description ?? ''),
  }));
}
