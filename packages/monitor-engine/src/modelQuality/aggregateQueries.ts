import { SqlEngine } from '../sql/SqlEngine';
import {
  MIN_ROWS_FOR_STANDARD_DEVIATION,
  ModelQualityAggregate,
  ReplicatedAggregate,
  STANDARD_DEVIATION_REPLICATES,
  STANDARD_DEVIATION_SAMPLE_PERCENT,
} from './computeMetrics';
import { ConfusionCell } from './confusionMatrix';
import {
  classificationValuesSql,
  invalidFieldSql,
  PredictionSemantics,
  regressionValuesSql,
} from './labelledRows';
import { ScoreBucket } from './scoreCurves';

/**
 * Above this many distinct scores the ROC/PR histogram switches from exact scores to this many
 * equal-width score buckets, so the rows fetched into JS stay bounded (the SQL engine spills
 * the grouping itself to disk if it must).
 */
export const DEFAULT_MAX_SCORE_BUCKETS = 100_000;

export interface AggregateOptions {
  maxScoreBuckets?: number;
}

/**
 * Rows of replicate `rep`: replicate 0 is every valid row; replicates 1…5 are Bernoulli 80 %
 * samples chosen by a hash of the row key, i.e. SageMaker's "randomly sampling 80 % of the
 * data 5 times", made reproducible so that a rerun of a window gives the same file.
 */
function replicatedRows(table: string, semantics: PredictionSemantics, replicates: number): string {
  return `(SELECT t.*, r.range AS rep
    FROM ${table} t, range(0, ${replicates + 1}) r
    WHERE (${invalidFieldSql(semantics)}) IS NULL
      AND (r.range = 0 OR hash(t.row_key, r.range) % 100 < ${STANDARD_DEVIATION_SAMPLE_PERCENT}))`;
}

function emptyAggregates(count: number): ModelQualityAggregate[] {
  return Array.from({ length: count }, () => ({ itemCount: 0 }));
}

async function regressionAggregates(
  engine: SqlEngine,
  rows: string,
  into: ModelQualityAggregate[],
): Promise<void> {
  const { y, yHat } = regressionValuesSql();
  const result = await engine.query<{
    rep: number;
    n: number;
    sae: number;
    sse: number;
    sst: number;
  }>(
    `SELECT rep, count(*) AS n, sum(abs(${y} - ${yHat})) AS sae,
        sum((${y} - ${yHat}) * (${y} - ${yHat})) AS sse, var_pop(${y}) * count(*) AS sst
     FROM ${rows} GROUP BY rep`,
  );
  for (const row of result) {
    into[row.rep] = {
      itemCount: row.n,
      regression: {
        count: row.n,
        sumAbsoluteError: row.sae,
        sumSquaredError: row.sse,
        groundTruthSquaredDeviation: row.sst,
      },
    };
  }
}

async function scoreBucketExpression(
  engine: SqlEngine,
  rows: string,
  score: string,
  maxBuckets: number,
): Promise<{ expression: string; params: number[] }> {
  const [stats] = await engine.query<{ distinct_scores: number; lo: number; hi: number }>(
    `SELECT count(DISTINCT ${score}) AS distinct_scores, min(${score}) AS lo, max(${score}) AS hi
     FROM ${rows} WHERE rep = 0`,
  );
  if (!stats || stats.distinct_scores <= maxBuckets || stats.hi <= stats.lo) {
    return { expression: score, params: [] };
  }
  const width = (stats.hi - stats.lo) / maxBuckets;
  // The bucket's lower edge; the top score joins the last bucket instead of opening a new one.
  return {
    expression: `(? + least(floor((${score} - ?) / ?), ${maxBuckets - 1}) * ?)`,
    params: [stats.lo, stats.lo, width, width],
  };
}

async function classificationAggregates(
  engine: SqlEngine,
  rows: string,
  semantics: PredictionSemantics,
  into: ModelQualityAggregate[],
  options: AggregateOptions,
): Promise<void> {
  const { actual, predicted, score, positiveLabel } = classificationValuesSql(semantics);
  const cells = await engine.query<{ rep: number; actual: string; predicted: string; n: number }>(
    `SELECT rep, ${actual} AS actual, ${predicted} AS predicted, count(*) AS n
     FROM ${rows} GROUP BY ALL ORDER BY ALL`,
  );
  const byRep = new Map<number, ConfusionCell[]>();
  for (const cell of cells) {
    const list = byRep.get(cell.rep) ?? [];
    list.push({ actual: cell.actual, predicted: cell.predicted, count: cell.n });
    byRep.set(cell.rep, list);
  }
  for (const [rep, confusion] of byRep) {
    into[rep] = { itemCount: confusion.reduce((sum, c) => sum + c.count, 0), confusion };
  }
  if (semantics.problemType !== 'BinaryClassification') return;

  const bucket = await scoreBucketExpression(
    engine,
    rows,
    score,
    options.maxScoreBuckets ?? DEFAULT_MAX_SCORE_BUCKETS,
  );
  const buckets = await engine.query<{ rep: number; score: number; pos: number; neg: number }>(
    `SELECT rep, ${bucket.expression} AS score,
        count(*) FILTER (WHERE (${actual}) = ?) AS pos,
        count(*) FILTER (WHERE (${actual}) <> ?) AS neg
     FROM ${rows} GROUP BY ALL`,
    [...bucket.params, positiveLabel, positiveLabel],
  );
  const scoresByRep = new Map<number, ScoreBucket[]>();
  for (const row of buckets) {
    const list = scoresByRep.get(row.rep) ?? [];
    list.push({ score: row.score, positives: row.pos, negatives: row.neg });
    scoresByRep.set(row.rep, list);
  }
  for (const [rep, scores] of scoresByRep) into[rep] = { ...into[rep], scores };
}

/**
 * The aggregates of a labelled-rows table (see labelledRows.ts): the full data set and, when
 * it has at least 200 valid rows, the 5 sampled replicates for standard deviations.
 */
export async function queryModelQualityAggregates(
  engine: SqlEngine,
  table: string,
  semantics: PredictionSemantics,
  options: AggregateOptions = {},
): Promise<ReplicatedAggregate> {
  const [{ n }] = await engine.query<{ n: number }>(
    `SELECT count(*) AS n FROM ${table} WHERE (${invalidFieldSql(semantics)}) IS NULL`,
  );
  const replicates = n >= MIN_ROWS_FOR_STANDARD_DEVIATION ? STANDARD_DEVIATION_REPLICATES : 0;
  const rows = replicatedRows(table, semantics, replicates);
  const aggregates = emptyAggregates(replicates + 1);
  if (semantics.problemType === 'Regression') {
    await regressionAggregates(engine, rows, aggregates);
    for (const aggregate of aggregates) {
      aggregate.regression ??= {
        count: 0,
        sumAbsoluteError: 0,
        sumSquaredError: 0,
        groundTruthSquaredDeviation: 0,
      };
    }
  } else {
    await classificationAggregates(engine, rows, semantics, aggregates, options);
  }
  return { full: aggregates[0], replicates: aggregates.slice(1) };
}
