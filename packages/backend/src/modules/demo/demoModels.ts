import type { PostTrainingMetricName, ProblemType } from '@mlmon/monitor-engine';

/**
 * The three demo models of the embedded default. Their endpoints and schedule names match
 * examples/entities.yaml and `modelMonitoring.builtin.models` in app-config.yaml. Episodes are
 * placed relative to the demo's anchor time (the first start), so the history tells the same
 * story on every machine: a drift in median_income, a classifier that gets worse as labels
 * arrive, and a healthy model.
 */
export interface DemoModel {
  endpointName: string;
  /** File name under the demo data folder (demo/data). */
  dataset: string;
  /** Column the model predicts: left out of the captured input; ground truth derives from it. */
  label: string;
  /** Records per hour. */
  ratePerHour: number;
  dataQualitySchedule: string;
  modelQuality?: {
    schedule: string;
    problemType: ProblemType;
    /**
     * The constraints the team keeps, each with a relative tolerance. SageMaker suggests the
     * baseline value of every metric as its threshold, so any window slightly worse than the
     * baseline violates; teams edit constraints.json to the metrics they care about.
     */
    tolerances: Record<string, number>;
  };
  /** Clarify monitors: bias drift on a facet and feature-attribution drift of a fitted logistic model. */
  clarify?: {
    bias: {
      schedule: string;
      facet: { column: string; value: string };
      metrics: PostTrainingMetricName[];
      /** How much farther from the ideal than on the training data a window may be. */
      tolerance: Partial<Record<PostTrainingMetricName, number>>;
    };
    explainability: { schedule: string; features: string[] };
  };
  /** Bias episodes (engine bias spec) for the anchor time. */
  bias?: (anchor: Date) => string;
  /** Drift episodes (engine drift spec) for the anchor time. */
  drift?: (anchor: Date) => string;
  /** Quality degradation episodes (engine degrade spec) for the anchor time. */
  degrade?: (anchor: Date) => string;
}

const HOUR_MS = 3_600_000;
const hoursBefore = (anchor: Date, hours: number) => new Date(anchor.getTime() - hours * HOUR_MS).toISOString();

export const DEMO_MODELS: readonly DemoModel[] = [
  {
    endpointName: 'housing-price-regressor',
    dataset: 'california_housing_4000.csv',
    label: 'median_house_value',
    ratePerHour: 120,
    dataQualitySchedule: 'housing-price-regressor-data-quality',
    modelQuality: {
      schedule: 'housing-price-regressor-model-quality',
      problemType: 'Regression',
      tolerances: { mae: 0.3, r2: 0.15 },
    },
    // Incomes in the traffic grow by 80 % over four hours, starting 30 hours before the first
    // start, and stay there: the drift chart shows the episode and the model is in alert.
    drift: anchor => `median_income:scale=1.8,from=${hoursBefore(anchor, 30)},ramp=4h`,
  },
  {
    endpointName: 'income-classifier',
    dataset: 'adult_income_4000.csv',
    label: 'income',
    ratePerHour: 120,
    dataQualitySchedule: 'income-classifier-data-quality',
    modelQuality: {
      schedule: 'income-classifier-model-quality',
      problemType: 'BinaryClassification',
      tolerances: { accuracy: 0.1, auc: 0.1 },
    },
    // Accuracy slides from 0.9 to 0.6 over a day, from 40 hours before the first start.
    degrade: anchor => `accuracy=0.6,from=${hoursBefore(anchor, 40)},ramp=24h`,
    clarify: {
      bias: {
        schedule: 'income-classifier-bias',
        facet: { column: 'sex', value: 'Female' },
        metrics: ['DI', 'DPPL'],
        tolerance: { DPPL: 0.1, DI: 0.2 },
      },
      explainability: {
        schedule: 'income-classifier-explainability',
        features: ['age', 'education_num', 'capital_gain', 'capital_loss', 'hr_per_week'],
      },
    },
    // From 20 hours before the first start, most positive predictions for women turn negative:
    // DPPL and DI drift beyond the baseline in the newest bias windows.
    bias: anchor => `column=sex,value=Female,flip=0.9,from=${hoursBefore(anchor, 20)},ramp=2h`,
    // From 10 hours before the first start, hours per week grow by 30: the model's attributions
    // reorder (hr_per_week becomes its main feature) and the data-quality monitor sees the drift.
    drift: anchor => `hr_per_week:shift=30,from=${hoursBefore(anchor, 10)},ramp=2h`,
  },
  {
    endpointName: 'housing-occupancy-model',
    dataset: 'california_housing_4000.csv',
    label: 'households',
    ratePerHour: 90,
    dataQualitySchedule: 'housing-occupancy-model-data-quality',
  },
];
