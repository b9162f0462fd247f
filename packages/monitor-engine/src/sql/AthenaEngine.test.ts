import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  TooManyRequestsException,
  InvalidRequestException,
} from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import { AthenaEngine, AthenaQueryError, AthenaTimeoutError } from './AthenaEngine';
import { athenaLiteral, countPlaceholders } from './athenaParameters';
import { convertAthenaValue } from './athenaValues';

const client = new AthenaClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
const athena = mockClient(client);

/** A clock that only moves when the engine sleeps, so backoff and timeouts are tested exactly. */
function fakeTime() {
  const sleeps: number[] = [];
  let clock = 0;
  return {
    sleeps,
    sleep: async (ms: number) => { sleeps.push(ms); clock += ms; },
    now: () => clock,
  };
}

function engine(extra: Partial<ConstructorParameters<typeof AthenaEngine>[0]> = {}) {
  const time = fakeTime();
  return {
    time,
    engine: new AthenaEngine({
      client, workGroup: 'mlmon', outputLocation: 's3://results/athena/', catalog: 'AwsDataCatalog', database: 'monitoring',
      sleep: time.sleep, now: time.now, ...extra,
    }),
  };
}

const columns = [
  { Name: 'feature', Label: 'feature', Type: 'varchar' },
  { Name: 'n', Label: 'n', Type: 'bigint' },
  { Name: 'mean', Label: 'mean', Type: 'double' },
  { Name: 'hour', Label: 'hour', Type: 'timestamp' },
  { Name: 'ok', Label: 'ok', Type: 'boolean' },
];
const row = (...values: Array<string | undefined>) => ({ Data: values.map(v => (v === undefined ? {} : { VarCharValue: v })) });

beforeEach(() => athena.reset());

describe('AthenaEngine', () => {
  it('starts the query with bound parameters and context, polls with backoff and converts typed rows', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q1' });
    athena
      .on(GetQueryExecutionCommand)
      .resolvesOnce({ QueryExecution: { Status: { State: 'QUEUED' } } })
      .resolvesOnce({ QueryExecution: { Status: { State: 'RUNNING' } } })
      .resolves({ QueryExecution: { StatementType: 'DML', Status: { State: 'SUCCEEDED' } } });
    athena.on(GetQueryResultsCommand).resolves({
      ResultSet: {
        ResultSetMetadata: { ColumnInfo: columns },
        Rows: [row('feature', 'n', 'mean', 'hour', 'ok'), row('age', '9007199254740993', '38.5', '2026-11-20 10:00:00.000', 'true'), row('sex', '12', undefined, undefined, 'false')],
      },
    });
    const { engine: e, time } = engine();
    const rows = await e.query('SELECT * FROM capture WHERE endpoint = ? AND hour >= ? AND n > ?', [
      "x' OR '1'='1", new Date('2026-11-20T10:00:00Z'), 5,
    ]);
    expect(rows).toEqual([
      { feature: 'age', n: 9007199254740993n, mean: 38.5, hour: new Date('2026-11-20T10:00:00Z'), ok: true },
      { feature: 'sex', n: 12, mean: null, hour: null, ok: false },
    ]);
    expect(athena.commandCalls(StartQueryExecutionCommand)[0].args[0].input).toEqual({
      QueryString: 'SELECT * FROM capture WHERE endpoint = ? AND hour >= ? AND n > ?',
      ExecutionParameters: ["'x'' OR ''1''=''1'", "TIMESTAMP '2026-11-20 10:00:00.000'", '5'],
      WorkGroup: 'mlmon',
      QueryExecutionContext: { Catalog: 'AwsDataCatalog', Database: 'monitoring' },
      ResultConfiguration: { OutputLocation: 's3://results/athena/' },
    });
    expect(time.sleeps).toEqual([250, 500]);
  });

  it('follows NextToken across result pages, skipping the header row only on page one', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q2' });
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { StatementType: 'DML', Status: { State: 'SUCCEEDED' } } });
    const meta = { ColumnInfo: [{ Name: 'v', Label: 'v', Type: 'integer' }] };
    athena
      .on(GetQueryResultsCommand, { QueryExecutionId: 'q2', NextToken: undefined })
      .resolves({ ResultSet: { ResultSetMetadata: meta, Rows: [row('v'), row('1'), row('2')] }, NextToken: 't1' })
      .on(GetQueryResultsCommand, { QueryExecutionId: 'q2', NextToken: 't1' })
      .resolves({ ResultSet: { ResultSetMetadata: meta, Rows: [row('3')] }, NextToken: 't2' })
      .on(GetQueryResultsCommand, { QueryExecutionId: 'q2', NextToken: 't2' })
      .resolves({ ResultSet: { ResultSetMetadata: meta, Rows: [row('4')] } });
    const { engine: e } = engine();
    expect(await e.query('SELECT v FROM t')).toEqual([{ v: 1 }, { v: 2 }, { v: 3 }, { v: 4 }]);
    expect(athena.commandCalls(GetQueryResultsCommand)).toHaveLength(3);
    expect(athena.commandCalls(StartQueryExecutionCommand)[0].args[0].input.ExecutionParameters).toBeUndefined();
  });

  it("reports FAILED and CANCELLED queries with Athena's reason", async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q3' });
    athena.on(GetQueryExecutionCommand).resolves({
      QueryExecution: { Status: { State: 'FAILED', StateChangeReason: "TABLE_NOT_FOUND: line 1:15: Table 'capture' does not exist" } },
    });
    const { engine: e } = engine();
    const failure = e.query('SELECT 1 FROM capture');
    await expect(failure).rejects.toBeInstanceOf(AthenaQueryError);
    await expect(failure).rejects.toThrow("Athena query q3 FAILED: TABLE_NOT_FOUND: line 1:15: Table 'capture' does not exist");

    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'CANCELLED' } } });
    await expect(e.query('SELECT 1')).rejects.toThrow('Athena query q3 CANCELLED: no reason given');
  });

  it('retries throttled calls with exponential backoff, and gives up after maxRetries', async () => {
    const throttled = () => new TooManyRequestsException({ message: 'Rate exceeded', $metadata: {} });
    athena.on(StartQueryExecutionCommand).rejectsOnce(throttled()).rejectsOnce(throttled()).resolves({ QueryExecutionId: 'q4' });
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { StatementType: 'UTILITY', Status: { State: 'SUCCEEDED' } } });
    athena.on(GetQueryResultsCommand).resolves({
      ResultSet: { ResultSetMetadata: { ColumnInfo: [{ Name: 'tab_name', Type: 'string' }] }, Rows: [row('capture')] },
    });
    const { engine: e, time } = engine({ retryBaseMs: 100 });
    expect(await e.query('SHOW TABLES')).toEqual([{ tab_name: 'capture' }]);
    expect(athena.commandCalls(StartQueryExecutionCommand)).toHaveLength(3);
    expect(time.sleeps).toHaveLength(2);
    expect(time.sleeps[0]).toBeGreaterThanOrEqual(50);
    expect(time.sleeps[0]).toBeLessThanOrEqual(100);
    expect(time.sleeps[1]).toBeGreaterThanOrEqual(100);
    expect(time.sleeps[1]).toBeLessThanOrEqual(200);

    athena.on(StartQueryExecutionCommand).rejects(throttled());
    await expect(engine({ maxRetries: 2 }).engine.query('SELECT 1')).rejects.toThrow('Rate exceeded');

    athena.reset();
    athena.on(StartQueryExecutionCommand).rejects(new InvalidRequestException({ message: 'bad SQL', $metadata: {} }));
    await expect(engine().engine.query('SELEC 1')).rejects.toThrow('bad SQL');
    expect(athena.commandCalls(StartQueryExecutionCommand)).toHaveLength(1);
  });

  it('stops the query and throws when it runs past the timeout', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q5' });
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'RUNNING' } } });
    athena.on(StopQueryExecutionCommand).resolves({});
    const { engine: e, time } = engine({ timeoutMs: 10_000, pollInitialMs: 1000, pollMaxMs: 4000 });
    await expect(e.query('SELECT 1')).rejects.toBeInstanceOf(AthenaTimeoutError);
    expect(time.sleeps).toEqual([1000, 2000, 4000]);
    expect(athena.commandCalls(StopQueryExecutionCommand)[0].args[0].input).toEqual({ QueryExecutionId: 'q5' });
  });

  it('rejects a parameter count that does not match the placeholders before calling Athena', async () => {
    await expect(engine().engine.query("SELECT ? WHERE x = '?'", [])).rejects.toThrow('1 ? placeholders but 0 parameters');
    expect(athena.commandCalls(StartQueryExecutionCommand)).toHaveLength(0);
  });
});

describe('Athena parameter literals', () => {
  it.each([
    ["O'Brien", "'O''Brien'"],
    ["'; DROP TABLE capture; --", "'''; DROP TABLE capture; --'"],
    ['back\\slash', "'back\\slash'"],
    ['', "''"],
    [42, '42'],
    [-7, '-7'],
    [0.1, "DOUBLE '0.1'"],
    [1e21, "DOUBLE '1e+21'"],
    [true, 'TRUE'],
    [null, 'NULL'],
    [new Date('2026-11-20T10:11:12.345Z'), "TIMESTAMP '2026-11-20 10:11:12.345'"],
  ])('renders %j as %s', (value, literal) => expect(athenaLiteral(value)).toBe(literal));

  it('refuses values without a safe literal', () => {
    expect(() => athenaLiteral(NaN)).toThrow(/finite/);
    expect(() => athenaLiteral(new Date('x'))).toThrow(/invalid Date/);
    expect(() => athenaLiteral('a\0b')).toThrow(/NUL/);
  });

  it('counts placeholders outside literals, identifiers and comments', () => {
    expect(countPlaceholders(`SELECT ?, 'it''s ?', "col?" -- ?\n/* ? */ FROM t WHERE a = ?`)).toBe(2);
  });
});

describe('Athena value conversion', () => {
  it.each([
    ['12', 'integer', 12],
    ['1.5', 'decimal', 1.5],
    ['NaN', 'double', NaN],
    ['-Infinity', 'real', -Infinity],
    ['2026-11-20', 'date', new Date('2026-11-20T00:00:00Z')],
    ['2026-11-20 10:00:00.123456', 'timestamp', new Date('2026-11-20T10:00:00.123Z')],
    ['2026-11-20 10:00:00.000 UTC', 'timestamp with time zone', new Date('2026-11-20T10:00:00Z')],
    ['[1, 2]', 'array', '[1, 2]'],
    [undefined, 'varchar', null],
  ])('converts %j of type %s', (text, type, value) => expect(convertAthenaValue(text, type)).toEqual(value));
});
