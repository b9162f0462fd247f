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
 * The simulated model: predictions derived from the true label with a configurable quality, so
 * model-quality monitors have something real to measure, and a degradation that makes it worse
 * over a span of inference time.
 *
 * task 'binary'      output = probability of the positive class (like SageMaker's XGBoost churn
 *                    example), right with probability `accuracy`; ground truth "1" / "0".
 * task 'multiclass'  output = the predicted class, right with probability `accuracy`.
 * task 'regression'  output = label * (1 + bias + N(0, error)); ground truth = the label.
 *
 * --degrade SPEC (episodes separated by ';'): accuracy=P | error=F | bias=F, plus from/to/ramp as
 * for drift, e.g. `accuracy=0.6,from=2026-11-21T00:00Z,ramp=12h` or `error=0.4,bias=0.15`.
 */
export type LabelTask = 'binary' | 'multiclass' | 'regression';

export interface ModelQuality {
  /** Classification: probability that the prediction equals the label. */
  accuracy: number;
  /** Regression: standard deviation of the relative error. */
  error: number;
  /** Regression: mean relative error. */
  bias: number;
}

export interface DegradeEpisode extends EpisodeSpan {
  target: Partial<ModelQuality>;
}

export const DEFAULT_MODEL_QUALITY: ModelQuality = { accuracy: 0.9, error: 0.1, bias: 0 };

export function parseDegradeSpec(spec: string): DegradeEpisode[] {
  return spec
    .split(';')
    .map(part => part.trim())
    .filter(part => part !== '')
    .map(part => {
      const episode: DegradeEpisode = { target: {}, rampMs: 0 };
      for (const [key, value] of parseParams(part, part)) {
        if (applySpanParam(episode, key, value, part)) continue;
        if (key === 'accuracy') episode.target.accuracy = parseNumberParam(key, value, part, 0, 1);
        else if (key === 'error') episode.target.error = parseNumberParam(key, value, part, 0);
        else if (key === 'bias') episode.target.bias = parseNumberParam(key, value, part);
        else {
          throw new Error(
            `Invalid degrade spec ${JSON.stringify(part)}: unknown key ${JSON.stringify(key)} (use accuracy, error, bias, from, to, ramp)`,
          );
        }
      }
      if (Object.keys(episode.target).length === 0) {
        throw new Error(`Invalid degrade spec ${JSON.stringify(part)}: set accuracy, error or bias`);
      }
      checkSpan(episode, part);
      return episode;
    });
}

/** Model quality at `time`: the base quality moved towards each active episode's target. */
export function qualityAt(base: ModelQuality, episodes: DegradeEpisode[], time: number): ModelQuality {
  const quality = { ...base };
  for (const episode of episodes) {
    const w = intensityAt(episode, time);
    if (w === 0) continue;
    for (const key of ['accuracy', 'error', 'bias'] as const) {
      const target = episode.target[key];
      if (target !== undefined) quality[key] = quality[key] + (target - quality[key]) * w;
    }
  }
  return quality;
}

/** How a label column is predicted and reported. */
export interface LabelModel {
  task: LabelTask;
  /** Distinct label values (classification). */
  classes: string[];
  /** Binary: the class reported as "1". */
  positiveClass?: string;
}

/** Chooses the task from the label values: two values = binary, numbers = regression, else multiclass. */
export function inferLabelModel(values: string[], numeric: boolean, positiveClass?: string): LabelModel {
  const classes = [...new Set(values)].sort();
  if (classes.length === 2) {
    const positive = positiveClass ?? (numeric ? classes.find(c => Number(c) === 1) ?? classes[1] : classes[1]);
    if (!classes.includes(positive)) {
      throw new Error(`The positive label ${JSON.stringify(positive)} is not one of the label values ${classes.join(', ')}`);
    }
    return { task: 'binary', classes, positiveClass: positive };
  }
  if (numeric) return { task: 'regression', classes: [] };
  return { task: 'multiclass', classes };
}

/** Ground-truth data for a label ("1"/"0" for binary tasks). */
export function groundTruthValue(model: LabelModel, label: string): string {
  if (model.task !== 'binary') return label;
  return label === model.positiveClass ? '1' : '0';
}

/** Rounds to `decimals` places without toPrecision, which is slow in this hot path. */
function formatNumber(x: number, decimals: number): string {
  const factor = 10 ** decimals;
  return String(Math.round(x * factor) / factor);
}

/** The model's output for one record with the given true label, at quality `q`. */
export function predictFromLabel(model: LabelModel, label: string, q: ModelQuality, rng: Prng): string {
  if (model.task === 'regression') {
    return formatNumber(Number(label) * (1 + q.bias + rng.gaussian() * q.error), 2);
  }
  const right = rng.next() < q.accuracy;
  if (model.task === 'binary') {
    const isPositive = (label === model.positiveClass) === right;
    // A confident-looking score on the predicted side of the 0.5 threshold.
    // Kept within [0.5, 0.999999] or [0, 0.499999] so rounding never crosses the threshold.
    const score = isPositive ? 0.5 + 0.499999 * rng.next() : 0.499999 * rng.next();
    return formatNumber(score, 6);
  }
  if (right || model.classes.length < 2) return label;
  const others = model.classes.filter(c => c !== label);
  return others[rng.int(others.length)];
}
