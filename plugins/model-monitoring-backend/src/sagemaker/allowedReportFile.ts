import { isAllowedReportUri, type SageMakerSettings } from '../config/sagemakerConfig';
import type { ReportReader } from '../reports/ReportReader';
import { AwsSourceFailure } from './awsErrors';

/**
 * One file named by SageMaker (a job definition's baseline resource, an s3:// file URI), read
 * only under modelMonitoring.sagemaker.reportPrefixes: the backend role may reach more buckets
 * than the portal should show. Undefined when the file does not exist.
 */
export async function readAllowedFile(
  settings: Pick<SageMakerSettings, 'reportPrefixes'>,
  reader: ReportReader,
  uri: string,
): Promise<Buffer | undefined> {
  if (!isAllowedReportUri(settings, uri)) {
    throw new AwsSourceFailure(`${uri} is outside modelMonitoring.sagemaker.reportPrefixes`, 502);
  }
  const cut = uri.lastIndexOf('/');
  return reader.file(uri.slice(0, cut), uri.slice(cut + 1));
}

/** The folder of an s3:// file URI (where a baselining job wrote its other outputs). */
export function folderOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/'));
}
