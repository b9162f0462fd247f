import { S3_PREFIX, SQL_IDENTIFIER } from './onboardingInput';

/**
 * The DDL of the table over SageMaker's constraint_violations.json that the backend queries,
 * exactly as plugins/model-monitoring-backend/docs/athena-tables.md defines it (Ion SerDe for
 * Jackson's pretty-printed JSON, partitions projected from the report folders), with
 * IF NOT EXISTS so a retry is harmless.
 *
 * Nothing here is spliced from free text: the identifiers and the location are checked against
 * patterns that admit no quote, backtick, `$`, brace or whitespace, and checked again here so
 * the function is safe on its own.
 */
export function violationsTableDdl(database: string, table: string, reportsS3Uri: string): string {
  for (const [field, value] of [['athena.database', database], ['athena.table', table]]) {
    if (!SQL_IDENTIFIER.test(value)) throw new Error(`${field}: ${JSON.stringify(value)} is not a plain identifier`);
  }
  if (!S3_PREFIX.test(reportsS3Uri)) throw new Error(`reportsS3Uri: ${JSON.stringify(reportsS3Uri)} is not an s3:// prefix`);
  const location = `${reportsS3Uri.replace(/\/+$/, '')}/`;
  // `${endpoint}` and friends below are Athena's projection placeholders, not JavaScript's.
  const template = `${location}\${endpoint}/\${schedule}/\${report_hour}/`;
  return [
    `CREATE EXTERNAL TABLE IF NOT EXISTS \`${database}\`.\`${table}\` (`,
    '  violations array<struct<',
    '    feature_name: string,',
    '    metric_name: string,',
    '    constraint_check_type: string,',
    '    description: string>>',
    ')',
    'PARTITIONED BY (endpoint string, schedule string, report_hour string)',
    'STORED AS ION',
    `LOCATION '${location}'`,
    'TBLPROPERTIES (',
    "  'projection.enabled' = 'true',",
    "  'projection.endpoint.type' = 'injected',",
    "  'projection.schedule.type' = 'injected',",
    "  'projection.report_hour.type' = 'date',",
    "  'projection.report_hour.format' = 'yyyy/MM/dd/HH',",
    "  'projection.report_hour.range' = '2020/01/01/00,NOW',",
    "  'projection.report_hour.interval' = '1',",
    "  'projection.report_hour.interval.unit' = 'HOURS',",
    `  'storage.location.template' = '${template}'`,
    ')',
  ].join('\n');
}
