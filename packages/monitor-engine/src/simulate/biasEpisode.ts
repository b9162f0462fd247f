import { applySpanParam, checkSpan, EpisodeSpan, intensityAt, parseNumberParam, parseParams } from './episodeSpan';
import { Prng } from './prng';

/**
 * Bias episodes on the simulated model: during the span, a positive prediction for a record of
 * the facet (input column = value) becomes negative with probability `flip` × intensity, so the
 * facet's positive rate falls and the bias metrics (DPPL, DI, ...) drift away from the baseline.
 *
 * --bias SPEC (episodes separated by ';'): column=C,value=V,flip=P plus from/to/ramp as for
 * drift, e.g. `column=sex,value=Female,flip=0.8,from=2026-11-21T00:00Z,ramp=2h`.
 * Binary tasks only: the prediction is the probability of the positive class (threshold 0.5).
 */
export interface BiasEpisode extends EpisodeSpan {
  column: string;
  value: string;
  flip: number;
}

export function parseBiasSpec(spec: string): BiasEpisode[] {
  return spec
    .split(';')
    .map(part => part.trim())
    .filter(part => part !== '')
    .map(part => {
      const episode: Partial<BiasEpisode> & EpisodeSpan = { rampMs: 0 };
      for (const [key, value] of parseParams(part, part)) {
        if (applySpanParam(episode, key, value, part)) continue;
        if (key === 'column') episode.column = value;
        else if (key === 'value') episode.value = value;
        else if (key === 'flip') episode.flip = parseNumberParam(key, value, part, 0, 1);
        else throw new Error(`Invalid bias spec ${JSON.stringify(part)}: unknown key ${JSON.stringify(key)} (use column, value, flip, from, to, ramp)`);
      }
      for (const key of ['column', 'value', 'flip'] as const) {
        if (episode[key] === undefined || episode[key] === '') throw new Error(`Invalid bias spec ${JSON.stringify(part)}: set ${key}`);
      }
      checkSpan(episode, part);
      return episode as BiasEpisode;
    });
}

/** Checks every episode names an input column; returns each with its column index. */
export function validateBiasEpisodes(episodes: BiasEpisode[], inputColumns: readonly string[]): Array<BiasEpisode & { columnIndex: number }> {
  return episodes.map(e => {
    const columnIndex = inputColumns.indexOf(e.column);
    if (columnIndex < 0) throw new Error(`Bias episode: ${e.column} is not an input column (${inputColumns.join(', ')})`);
    return { ...e, columnIndex };
  });
}

/**
 * The prediction after the bias episodes active at `time`. A random number is drawn for every
 * record whatever happens, so the stream (and other records' predictions) stays the same.
 */
export function applyBiasEpisodes(
  prediction: string,
  cells: readonly string[],
  episodes: ReadonlyArray<BiasEpisode & { columnIndex: number }>,
  time: number,
  rng: Prng,
): string {
  let out = prediction;
  for (const e of episodes) {
    const draw = rng.next();
    const w = intensityAt(e, time);
    if (w === 0 || cells[e.columnIndex]?.trim() !== e.value) continue;
    const score = Number(out);
    if (Number.isFinite(score) && score > 0.5 && draw < e.flip * w) {
      // The mirrored score on the negative side keeps the spread of the scores.
      out = String(Math.round((1 - score) * 1e6) / 1e6);
    }
  }
  return out;
}
