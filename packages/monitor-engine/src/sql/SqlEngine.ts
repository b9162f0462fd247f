/**
 * Runs the engine's scans and aggregations. Implementations: DuckDB embedded (default) and
 * Athena (data in S3 at scale). Queries are templates written by the engine itself; values
 * from outside are always bound as positional `?` parameters, never spliced into SQL text.
 */
export interface SqlEngine {
  /** 'duckdb' for DuckDB's dialect, 'trino' for Athena's. Templates branch on it where needed. */
  readonly dialect: 'duckdb' | 'trino';

  /**
   * Runs one statement and returns its rows as plain objects. Integers that fit in a JS number
   * come back as numbers; DECIMAL and DOUBLE as numbers; timestamps as Date; NULL as null.
   */
  query<Row = Record<string, unknown>>(
    sql: string,
    params?: readonly SqlParameter[],
  ): Promise<Row[]>;

  /** Releases connections and temporary files. */
  close(): Promise<void>;
}

/** A value bound to a `?` placeholder. */
export type SqlParameter = string | number | boolean | null | Date;
