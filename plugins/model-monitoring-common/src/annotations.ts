
/** Prefix of every annotation this plugin reads. */
export const MLMON_ANNOTATION_PREFIX = 'mlmon.dev/';

/**
 * The monitored endpoint: a SageMaker endpoint ARN
 * (`arn:aws:sagemaker:eu-west-1:123456789012:endpoint/churn`) or the name of an endpoint
 * monitored by the built-in engine (`churn-xgb`). Its presence turns the plugin on for an entity.
 */
export const ANNOTATION_ENDPOINT = 'mlmon.dev/endpoint';

/** Comma-separated monitoring schedule names; defaults to every schedule of the endpoint. */
export const ANNOTATION_MONITORING_SCHEDULES = 'mlmon.dev/monitoring-schedules';

/** QuickSight dashboard id to embed on the entity page. */
export const ANNOTATION_QUICKSIGHT_DASHBOARD = 'mlmon.dev/quicksight-dashboard';

/** SageMaker model card name whose risk rating the entity shows. */
export const ANNOTATION_MODEL_CARD = 'mlmon.dev/model-card';

/** Overrides the risk rating: one of {@link MODEL_RISK_RATINGS}. */
export const ANNOTATION_RISK_RATING = 'mlmon.dev/risk-rating';

/** Where the monitoring data comes from. */
export type MonitoringSource = 'builtin' | 'sagemaker';

/** Risk ratings as SageMaker Model Cards spell them. */
export const MODEL_RISK_RATINGS = ['High', 'Medium', 'Low', 'Unknown'] as const;
export type ModelRiskRating = (typeof MODEL_RISK_RATINGS)[number];
