import os from 'node:os';
import {
  DuckDBConnection,
  DuckDBInstance,
  DuckDBTimestampTZValue,
  DuckDBTypeId,
  DuckDBValue,
  JSDuckDBValueConverter,
  arrayFromListValue,
  arrayFromArrayValue,
  objectFromStructValue,
  type DuckDBType,
  type DuckDBValueConverter,
  type JS,
} from '@duckdb/node-api';
import type { SqlEngine, SqlParameter } from './SqlEngine';

/** Options of the embedded DuckDB engine. */
export interface DuckDbEngineOptions {
  /**
   * Database file; omit for an in-memory database. An in-memory database still spills to
   * `tempDirectory` once it reaches `memoryLimit`, so a file is only needed to keep data.
   */
  databasePath?: string;
  /** DuckDB `memory_limit`, e.g. '1GB'. Keeps the job's memory bounded however large the window. */
  memoryLimit?: string;
  /** Where DuckDB spills when over the memory limit; defaults to the OS temp folder. */
  tempDirectory?: string;
  /** Worker threads; defaults to the number of cores. */
  threads?: number;
}

/** Like DuckDB's JS converter, but big integers as numbers (they are counts and sums here). */
const plainValueConverter: DuckDBValueConverter<JS> = (
  value: DuckDBValue,
  type: DuckDBType,
  converter: DuckDBValueConverter<JS>,
) => {
  if (value === null) return null;
  switch (type.typeId) {
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
    case DuckDBTypeId.BIGNUM:
      return Number(value as bigint);
    case DuckDBTypeId.LIST:
      return arrayFromListValue(value, type, converter);
    case DuckDBTypeId.ARRAY:
      return arrayFromArrayValue(value, type, converter);
    case DuckDBTypeId.STRUCT:
      return objectFromStructValue(value, type, converter);
    default:
      return JSDuckDBValueConverter(value, type, converter);
  }
};

/**
 * The default SqlEngine: DuckDB embedded through @duckdb/node-api. Results are converted to
 * plain JS values: BIGINT/HUGEINT/DECIMAL become numbers (the engine's aggregates fit a double),
 * timestamps become Date, lists arrays and structs objects.
 */
export class DuckDbEngine implements SqlEngine {
  readonly dialect = 'duckdb' as const;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  static async create(
    options: DuckDbEngineOptions = {},
  ): Promise<DuckDbEngine> {
    const instance = await DuckDBInstance.create(
      options.databasePath ?? ':memory:',
      {
        threads: String(options.threads ?? Math.max(1, os.cpus().length)),
        temp_directory: options.tempDirectory ?? os.tmpdir(),
        ...(options.memoryLimit ? { memory_limit: options.memoryLimit } : {}),
      },
    );
    const connection = await instance.connect();
    return new DuckDbEngine(instance, connection);
  }

  async query<Row = Record<string, unknown>>(
    sql: string,
    params: readonly SqlParameter[] = [],
  ): Promise<Row[]> {
    const values = params.map(toDuckDbValue);
    const reader = await this.connection.runAndReadAll(
      sql,
      values.length ? values : undefined,
    );
    return reader.convertRowObjects(plainValueConverter) as Row[];
  }

  async close(): Promise<void> {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

function toDuckDbValue(value: SqlParameter): DuckDBValue {
  if (value instanceof Date) {
    return new DuckDBTimestampTZValue(BigInt(value.getTime()) * 1000n);
  }
  return value;
}
