import {
  parseClarifyAnalysis,
  parseClarifyConstraintViolations,
  type ClarifyAnalysis,
  type ClarifyConstraintViolations,
} from '@mlmon/monitor-engine';
import type { ReportReader } from './ReportReader';

/**
 * Clarify's report files (analysis.json, constraint_violations.json) of a report or baseline
 * folder, through the shared report reader: undefined when the file does not exist, an error
 * naming the file when it is not valid.
 */
export async function readClarifyAnalysis(reports: ReportReader, location: string): Promise<ClarifyAnalysis | undefined> {
  const body = await reports.file(location, 'analysis.json');
  return body === undefined ? undefined : parseClarifyAnalysis(body.toString('utf8'), `${location}/analysis.json`);
}

export async function readClarifyViolations(
  reports: ReportReader,
  location: string,
): Promise<ClarifyConstraintViolations['violations']> {
  const body = await reports.file(location, 'constraint_violations.json');
  if (body === undefined) return [];
  return parseClarifyConstraintViolations(body.toString('utf8'), `${location}/constraint_violations.json`).violations;
}
