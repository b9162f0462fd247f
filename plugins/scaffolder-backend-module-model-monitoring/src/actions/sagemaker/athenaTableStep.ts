import {
  GetQueryExecutionCommand,
  GetTableMetadataCommand,
  StartQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { ConflictError } from '@backstage/errors';
import { awsCall, awsDescribe } from './awsErrors';
import { waitFor, type StepContext } from './stepContext';
import { violationsTableDdl } from './violationsTableDdl';

const STEP = 'Athena table';
const QUERY_TIMEOUT_MS = 120_000;

export interface AthenaTableRequest {
  catalog: string;
  database: string;
  table: string;
  workGroup?: string;
  outputLocation?: string;
  reportsS3Uri: string;
}

export interface AthenaTableResult {
  table: string;
  created: boolean;
}

const normalize = (location: string) => location.replace(/\/+$/, '');

/**
 * Step 4: the Athena table the backend reads violation history from, over the reports prefix
 * (one table serves every endpoint writing under it: endpoint and schedule are partitions).
 * GetTableMetadata first: a table over the same location is reused; one over another location
 * would hide this endpoint's reports from the backend, so it is a conflict.
 */
export async function ensureViolationsTable(ctx: StepContext, request: AthenaTableRequest): Promise<AthenaTableResult> {
  const qualified = `${request.database}.${request.table}`;
  const ddl = violationsTableDdl(request.database, request.table, request.reportsS3Uri);
  const existing = await awsDescribe(STEP, 'GetTableMetadata', () =>
    ctx.clients.athena.send(
      new GetTableMetadataCommand({ CatalogName: request.catalog, DatabaseName: request.database, TableName: request.table, WorkGroup: request.workGroup }),
    ),
  );
  if (existing) {
    const location = existing.TableMetadata?.Parameters?.location;
    if (location && normalize(location) !== normalize(request.reportsS3Uri)) {
      throw new ConflictError(
        `${STEP}: ${qualified} exists over ${location}, not ${request.reportsS3Uri}; give another athena.table or write the reports under ${location}`,
      );
    }
    ctx.logger.info(`Athena table ${qualified} exists over ${location ?? 'the same location'}; reusing it`);
    return { table: qualified, created: false };
  }
  if (ctx.dryRun) {
    ctx.logger.info(`Dry run: would create Athena table ${qualified} over ${request.reportsS3Uri}`);
    return { table: qualified, created: true };
  }
  const started = await awsCall(STEP, 'StartQueryExecution', () =>
    ctx.clients.athena.send(
      new StartQueryExecutionCommand({
        QueryString: ddl,
        QueryExecutionContext: { Catalog: request.catalog, Database: request.database },
        WorkGroup: request.workGroup,
        ResultConfiguration: request.outputLocation ? { OutputLocation: request.outputLocation } : undefined,
      }),
    ),
  );
  const id = started.QueryExecutionId!;
  await waitFor(`The CREATE TABLE query ${id}`, QUERY_TIMEOUT_MS, ctx.pollMs, async () => {
    const { QueryExecution } = await awsCall(STEP, 'GetQueryExecution', () =>
      ctx.clients.athena.send(new GetQueryExecutionCommand({ QueryExecutionId: id })),
    );
    const state = QueryExecution?.Status?.State ?? 'UNKNOWN';
    if (state === 'FAILED' || state === 'CANCELLED') {
      throw new Error(`${STEP}: creating ${qualified} ${state.toLowerCase()}: ${QueryExecution?.Status?.StateChangeReason ?? 'no reason given'}`);
    }
    return { done: state === 'SUCCEEDED', status: state, value: state };
  });
  ctx.logger.info(`Created Athena table ${qualified} over ${request.reportsS3Uri}`);
  return { table: qualified, created: true };
}
