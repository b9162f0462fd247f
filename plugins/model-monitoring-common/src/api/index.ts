/*
 * REST API types of the model-monitoring backend, shared by the backend and the frontend.
 * Base path: `/api/model-monitoring`. Every route is entity-scoped
 * (`/entities/:namespace/:kind/:name/...`) except `/overview` and `/health`.
 * Times are ISO-8601 strings in UTC. Errors are Backstage ResponseError JSON
 * (`{ error: { name, message }, response: { statusCode } }`): 401 unauthenticated, 403 not
 * permitted, 404 entity missing / not readable / not monitored, 400 malformed input or
 * annotation, 502/503/504 a monitoring source (AWS) failed, throttled or timed out.
 *
 * Time-range query parameters shared by the series routes:
 *   `from`, `to`   ISO-8601; default `to` = now, `from` = `to` − 7 days; at most 400 days.
 *   `schedule`     schedule name; default the first schedule of the matching monitor type.
 */

export * from './vocabulary';
export * from './executions';
export * from './summary';
export * from './dataQuality';
export * from './modelQuality';
export * from './traffic';
export * from './runsAndAlerts';
export * from './quickSight';
export * from './overview';
export * from './onboarding';
export * from './clarify';
