import {
  AthenaClient,
  AthenaClientConfig,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  GetQueryResultsCommandOutput,
  QueryExecution,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { SqlEngine, SqlParameter } from './SqlEngine';
import { athenaLiteral, countPlaceholders } from './athenaParameters';
import { convertAthenaValue } from './athenaValues';

export interface AthenaEngineOptions {
  /** A ready client (shared credentials, tests); otherwise one is made from `clientConfig`. */
  client?: AthenaClient;
  clientConfig?: AthenaClientConfig;
  workGroup?: string;
  /** s3:// prefix for query results, when the workgroup does not enforce one. */
  outputLocation?: string;
  catalog?: string;
  database?: string;
  /** First wait between status polls; doubles up to `pollMaxMs`. Defaults 250 ms and 5 s. */
  pollInitialMs?: number;
  pollMaxMs?: number;
  /** Gives up (and stops the query) after this long. Default 10 minutes. */
  timeoutMs?: number;
  /** Retries of a throttled or 5xx API call, with exponential backoff from `retryBaseMs`. Defaults 6 and 200 ms. */
  maxRetries?: number;
  retryBaseMs?: number;
  /** Waiting and the clock, injectable so that tests need not wait in real time. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** Athena reported FAILED or CANCELLED for a query. */
export class AthenaQueryError extends Error {
  constructor(readonly queryExecutionId: string, readonly state: string, readonly reason: string) {
    super(`Athena query ${queryExecutionId} ${state}: ${reason}`);
    this.name = 'AthenaQueryError';
  }
}

/** The query did not finish within the timeout; it has been asked to stop. */
export class AthenaTimeoutError extends Error {
  constructor(readonly queryExecutionId: string, timeoutMs: number) {
    super(`Athena query ${queryExecutionId} did not finish within ${Math.round(timeoutMs / 1000)} s and was stopped`);
    this.name = 'AthenaTimeoutError';
  }
}

const RETRYABLE = new Set(['TooManyRequestsException', 'ThrottlingException', 'ThrottledException', 'InternalServerException', 'ServiceUnavailable']);

function isRetryable(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number }; $retryable?: unknown } | undefined;
  const status = e?.$metadata?.httpStatusCode ?? 0;
  return RETRYABLE.has(e?.name ?? '') || status === 429 || status >= 500 || Boolean(e?.$retryable);
}

/**
 * SqlEngine over Amazon Athena (Trino dialect) for capture data in S3 at scale. Each query is
 * StartQueryExecution with bound parameters, status polling with exponential backoff until
 * SUCCEEDED/FAILED/CANCELLED or the timeout, then GetQueryResults page by page.
 */
export class AthenaEngine implements SqlEngine {
  readonly dialect = 'trino' as const;
  private readonly client: AthenaClient;
  private readonly ownsClient: boolean;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;

  constructor(private readonly options: AthenaEngineOptions = {}) {
    this.client = options.client ?? new AthenaClient(options.clientConfig ?? {});
    this.ownsClient = options.client === undefined;
    this.sleep = options.sleep ?? (ms => new Promise(resolve => setTimeout(resolve, ms)));
    this.now = options.now ?? Date.now;
  }

  async query<Row = Record<string, unknown>>(sql: string, params: readonly SqlParameter[] = []): Promise<Row[]> {
    const placeholders = countPlaceholders(sql);
    if (placeholders !== params.length) {
      throw new Error(`The query has ${placeholders} ? placeholders but ${params.length} parameters were bound`);
    }
    const { QueryExecutionId: id } = await this.call(() =>
      this.client.send(
        new StartQueryExecutionCommand({
          QueryString: sql,
          ExecutionParameters: params.length > 0 ? params.map(athenaLiteral) : undefined,
          WorkGroup: this.options.workGroup,
          QueryExecutionContext:
            this.options.catalog || this.options.database
              ? { Catalog: this.options.catalog, Database: this.options.database }
              : undefined,
          ResultConfiguration: this.options.outputLocation ? { OutputLocation: this.options.outputLocation } : undefined,
        }),
      ),
    );
    if (!id) throw new Error('Athena did not return a QueryExecutionId');
    const execution = await this.waitForCompletion(id);
    return this.readResults<Row>(id, execution);
  }

  async close(): Promise<void> {
    if (this.ownsClient) this.client.destroy();
  }

  private async waitForCompletion(id: string): Promise<QueryExecution> {
    const timeoutMs = this.options.timeoutMs ?? 600_000;
    const deadline = this.now() + timeoutMs;
    let delay = this.options.pollInitialMs ?? 250;
    for (;;) {
      const { QueryExecution: execution } = await this.call(() =>
        this.client.send(new GetQueryExecutionCommand({ QueryExecutionId: id })),
      );
      const state = execution?.Status?.State;
      if (state === 'SUCCEEDED') return execution!;
      if (state === 'FAILED' || state === 'CANCELLED') {
        const reason = execution?.Status?.StateChangeReason ?? execution?.Status?.AthenaError?.ErrorMessage ?? 'no reason given';
        throw new AthenaQueryError(id, state, reason);
      }
      if (this.now() + delay > deadline) {
        // Best effort: a query left running keeps scanning (and billing) after we give up.
        await this.client.send(new StopQueryExecutionCommand({ QueryExecutionId: id })).catch(() => undefined);
        throw new AthenaTimeoutError(id, timeoutMs);
      }
      await this.sleep(delay);
      delay = Math.min(delay * 2, this.options.pollMaxMs ?? 5000);
    }
  }

  private async readResults<Row>(id: string, execution: QueryExecution): Promise<Row[]> {
    const rows: Row[] = [];
    // For SELECT (DML) statements Athena repeats the column names as the first row of page one.
    let skipHeader = execution.StatementType === 'DML';
    let nextToken: string | undefined;
    do {
      const page = await this.resultsPage(id, nextToken);
      const columns = page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? [];
      const data = page.ResultSet?.Rows ?? [];
      for (let r = skipHeader ? 1 : 0; r < data.length; r++) {
        const row: Record<string, unknown> = {};
        const cells = data[r].Data ?? [];
        columns.forEach((column, c) => {
          row[column.Label ?? column.Name ?? `_col${c}`] = convertAthenaValue(cells[c]?.VarCharValue, column.Type);
        });
        rows.push(row as Row);
      }
      skipHeader = false;
      nextToken = page.NextToken;
    } while (nextToken);
    return rows;
  }

  /** One page (up to 1000 rows) of a finished query's results; no NextToken means the first page. */
  private resultsPage(id: string, NextToken: string | undefined): Promise<GetQueryResultsCommandOutput> {
    return this.call(() =>
      this.client.send(new GetQueryResultsCommand({ QueryExecutionId: id, NextToken, MaxResults: 1000 })),
    );
  }

  /** Runs one API call, retrying throttling and server errors with exponential backoff and jitter. */
  private async call<T>(send: () => Promise<T>): Promise<T> {
    const maxRetries = this.options.maxRetries ?? 6;
    const base = this.options.retryBaseMs ?? 200;
    for (let attempt = 0; ; attempt++) {
      try {
        return await send();
      } catch (error) {
        if (attempt >= maxRetries || !isRetryable(error)) throw error;
        const cap = base * 2 ** attempt;
        await this.sleep(cap / 2 + Math.random() * (cap / 2));
      }
    }
  }
}
