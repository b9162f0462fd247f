import { randomUUID } from 'node:crypto';
import { SqlEngine } from '../sql/SqlEngine';

/**
 * Runs `work` with a fresh temporary table name and drops the table afterwards, so several
 * monitors can share one engine without clashing and nothing is left behind on failure.
 */
export async function withTempTable<T>(
  engine: SqlEngine,
  purpose: string,
  work: (table: string) => Promise<T>,
): Promise<T> {
  const table = `mlmon_${purpose}_${randomUUID().replace(/-/g, '')}`;
  try {
    return await work(table);
  } finally {
    await engine.query(`DROP TABLE IF EXISTS ${table}`);
  }
}
