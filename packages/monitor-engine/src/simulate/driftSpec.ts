import { Prng } from './prng';
import {
  applySpanParam,
  checkSpan,
  EpisodeSpan,
  intensityAt,
  parseNumberParam,
  parseParams,
} from './episodeSpan';

/**
 * Drift episodes applied to the captured input features. Syntax (episodes separated by ';'):
 *
 *   COLUMN:OP[,OP...][,from=ISO][,to=ISO][,ramp=DURATION]
 *
 * numeric columns:   scale=F   multiply by F             median_income:scale=1.6
 *                    shift=F   add F                     housing_median_age:shift=10
 *                    noise=F   add normal noise of F standard deviations of the column
 * any column:        missing=P empty the value with probability P
 *                    set=V[@P] replace by V (with probability P, default 1)   ocean_proximity:set=INLAND@0.4
 * span:              from/to   ISO times (default: the whole simulation); ramp=6h grows the drift
 *                              linearly from none at `from` to full strength after 6 hours.
 */
export type DriftOperation =
  | { op: 'scale'; factor: number }
  | { op: 'shift'; amount: number }
  | { op: 'noise'; stdDevs: number }
  | { op: 'missing'; probability: number }
  | { op: 'set'; value: string; probability: number };

export interface DriftEpisode extends EpisodeSpan {
  column: string;
  operations: DriftOperation[];
}

const NUMERIC_OPS = new Set(['scale', 'shift', 'noise']);

/** Parses a --drift SPEC; errors quote the spec and say what is wrong. */
export function parseDriftSpec(spec: string): DriftEpisode[] {
  return spec
    .split(';')
    .map(part => part.trim())
    .filter(part => part !== '')
    .map(part => {
      const colon = part.indexOf(':');
      if (colon <= 0) throw new Error(`Invalid drift spec ${JSON.stringify(part)}: expected COLUMN:OP=VALUE,...`);
      const episode: DriftEpisode = { column: part.slice(0, colon).trim(), operations: [], rampMs: 0 };
      for (const [key, value] of parseParams(part.slice(colon + 1), part)) {
        if (applySpanParam(episode, key, value, part)) continue;
        switch (key) {
          case 'scale':
            episode.operations.push({ op: 'scale', factor: parseNumberParam(key, value, part) });
            break;
          case 'shift':
            episode.operations.push({ op: 'shift', amount: parseNumberParam(key, value, part) });
            break;
          case 'noise':
            episode.operations.push({ op: 'noise', stdDevs: parseNumberParam(key, value, part, 0) });
            break;
          case 'missing':
            episode.operations.push({ op: 'missing', probability: parseNumberParam(key, value, part, 0, 1) });
            break;
          case 'set': {
            const at = value.lastIndexOf('@');
            const probability = at >= 0 ? parseNumberParam('set probability', value.slice(at + 1), part, 0, 1) : 1;
            episode.operations.push({ op: 'set', value: at >= 0 ? value.slice(0, at) : value, probability });
            break;
          }
          default:
            throw new Error(
              `Invalid drift spec ${JSON.stringify(part)}: unknown key ${JSON.stringify(key)} ` +
                '(use scale, shift, noise, missing, set, from, to, ramp)',
            );
        }
      }
      if (episode.operations.length === 0) {
        throw new Error(`Invalid drift spec ${JSON.stringify(part)}: name at least one of scale, shift, noise, missing, set`);
      }
      checkSpan(episode, part);
      return episode;
    });
}

/** Checks episodes against the data set's columns (numeric operations need numeric columns). */
export function validateDriftEpisodes(
  episodes: DriftEpisode[],
  columns: string[],
  numeric: boolean[],
): Array<DriftEpisode & { columnIndex: number }> {
  return episodes.map(episode => {
    const columnIndex = columns.indexOf(episode.column);
    if (columnIndex < 0) {
      throw new Error(`Drift names the unknown column ${JSON.stringify(episode.column)}; input columns are ${columns.join(', ')}`);
    }
    const numericOp = episode.operations.find(o => NUMERIC_OPS.has(o.op));
    if (numericOp && !numeric[columnIndex]) {
      throw new Error(`Drift ${numericOp.op} needs a numeric column, but ${episode.column} is categorical`);
    }
    return { ...episode, columnIndex };
  });
}

function decimalsOf(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 || /[eE]/.test(text) ? 0 : text.length - dot - 1;
}

/**
 * Applies one episode's operations to a cell at strength `w` (0..1). Numbers keep the number of
 * decimals of the original cell, so an Integral column stays Integral and "41.0" stays one decimal.
 */
export function driftCell(cell: string, operations: DriftOperation[], w: number, stdDev: number, rng: Prng): string {
  let value = cell;
  for (const operation of operations) {
    switch (operation.op) {
      case 'missing':
        if (rng.next() < operation.probability * w) value = '';
        break;
      case 'set':
        if (rng.next() < operation.probability * w) value = operation.value;
        break;
      default: {
        if (value === '') break;
        let x = Number(value);
        if (operation.op === 'scale') x *= 1 + (operation.factor - 1) * w;
        else if (operation.op === 'shift') x += operation.amount * w;
        else x += rng.gaussian() * operation.stdDevs * stdDev * w;
        const decimals = decimalsOf(value);
        value = decimals === 0 && !value.includes('.') ? String(Math.round(x)) : x.toFixed(decimals);
      }
    }
  }
  return value;
}

export { intensityAt };
