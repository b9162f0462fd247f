/**
 * Converts Athena's result cells (always text, or absent for NULL) into JS values by the column
 * type reported in ResultSetMetadata, following the SqlEngine contract: integers as numbers (or
 * bigint beyond 2^53), DOUBLE/REAL/DECIMAL as numbers, timestamps and dates as Date, NULL as null.
 * Complex types (array, map, row, json) stay text: Athena renders them in its own notation.
 */
export function convertAthenaValue(text: string | undefined, type: string | undefined): unknown {
  if (text === undefined) return null;
  const t = (type ?? 'varchar').toLowerCase();
  switch (t) {
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'int':
    case 'bigint': {
      const n = Number(text);
      return Number.isSafeInteger(n) ? n : BigInt(text);
    }
    case 'float':
    case 'real':
    case 'double':
    case 'decimal':
      if (text === 'NaN') return NaN;
      if (text === 'Infinity') return Infinity;
      if (text === '-Infinity') return -Infinity;
      return Number(text);
    case 'boolean':
      return text === 'true';
    case 'date':
      return new Date(`${text}T00:00:00Z`);
    case 'timestamp':
      return parseTimestamp(text, 'UTC') ?? text;
    case 'timestamp with time zone': {
      const match = /^(\S+ \S+) (\S+)$/.exec(text);
      return (match && parseTimestamp(match[1], match[2])) ?? text;
    }
    default:
      return text;
  }
}

/** Athena's zone name as an ISO 8601 offset ('Z' or ±hh:mm); undefined for named zones. */
function isoZoneOffset(zone: string): string | undefined {
  if (zone === 'UTC' || zone === 'Z') return 'Z';
  return /^[+-]\d{2}:\d{2}$/.test(zone) ? zone : undefined;
}

function parseTimestamp(text: string, zone: string): Date | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?$/.exec(text);
  if (!match) return undefined;
  const fraction = match[3] ? match[3].slice(0, 4).padEnd(4, '0') : '.000';
  const offset = isoZoneOffset(zone);
  if (offset === undefined) return undefined;
  const date = new Date(`${match[1]}T${match[2]}${fraction}${offset}`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
