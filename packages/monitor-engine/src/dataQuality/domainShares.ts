import type { SqlEngine } from '../sql/SqlEngine';
import type { ProfiledTable } from '../baseline/columnProfiler';
import type { Constraints } from '../formats/constraints';
import { wideValueColumn } from '../baseline/wideProfiler';

/**
 * For features with a baseline value domain (string_constraints.domains): the share of the
 * window's non-null values that are inside it (categorical_values_check). The domain is bound
 * as a JSON parameter, never spliced into SQL.
 */
export async function domainShares(
  engine: SqlEngine,
  table: ProfiledTable,
  constraints: Constraints,
): Promise<Map<string, number>> {
  const shares = new Map<string, number>();
  for (const feature of constraints.features) {
    const domain = feature.string_constraints?.domains;
    const index = table.names.indexOf(feature.name);
    if (!domain?.length || index < 0) continue;
    // A wide table has the column's values in c{index}; a long one in v, where i = index.
    const [value, where, params] = table.wide
      ? [wideValueColumn(index), '', []]
      : ['v', 'WHERE i = ?', [index]];
    const [row] = await engine.query<{ present: number; inside: number }>(
      `SELECT count(${value}) AS present,
              count(${value}) FILTER (WHERE list_contains(CAST(? AS JSON)::VARCHAR[], ${value})) AS inside
       FROM ${table.name} ${where}`,
      [JSON.stringify(domain), ...params],
    );
    if (Number(row.present) > 0)
      shares.set(feature.name, Number(row.inside) / Number(row.present));
  }
  return shares;
}
