import fs from 'node:fs';
import path from 'node:path';
import { violationsTableDdl } from './violationsTableDdl';

const DOC = path.resolve(__dirname, '../../../../model-monitoring-backend/docs/athena-tables.md');

describe('violationsTableDdl', () => {
  it('is the DDL of the backend docs, with IF NOT EXISTS, the database and the given location', () => {
    const doc = fs.readFileSync(DOC, 'utf8');
    const documented = /```sql\n(CREATE EXTERNAL TABLE[\s\S]*?);\n```/.exec(doc)![1];
    const expected = documented
      .replace('CREATE EXTERNAL TABLE sagemaker_constraint_violations', 'CREATE EXTERNAL TABLE IF NOT EXISTS `model_monitoring`.`sagemaker_constraint_violations`')
      .replaceAll('s3://my-bucket/model-monitor/reports/', 's3://ml-monitoring/reports/');
    expect(violationsTableDdl('model_monitoring', 'sagemaker_constraint_violations', 's3://ml-monitoring/reports')).toBe(expected);
  });

  it.each([
    ['x`; DROP TABLE y', 'violations', 's3://bucket/reports', /athena\.database/],
    ['db', 'Violations', 's3://bucket/reports', /athena\.table/],
    ['db', 'violations', "s3://bucket/reports'", /reportsS3Uri/],
    ['db', 'violations', 's3://bucket/${x}', /reportsS3Uri/],
    ['db', 'violations', 'https://bucket/reports', /reportsS3Uri/],
  ])('refuses %s / %s / %s', (database, table, location, message) => {
    expect(() => violationsTableDdl(database, table, location)).toThrow(message);
  });
});
