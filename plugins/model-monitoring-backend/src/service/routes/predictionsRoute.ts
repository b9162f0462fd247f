import { InputError, NotFoundError } from '@backstage/errors';
import type { PredictionDistributionResponse, TimePoint } from '@mlmon/plugin-model-monitoring-common';
import type { Router } from 'express';
import { z } from 'zod';
import { windowPredictions } from '../../builtin/windowPredictions';
import { featureDistribution } from '../../reports/featureDistribution';
import { entityRequest, nameParam, pickSchedule } from '../requestContext';
import type { RouteDeps } from './routeDeps';

/** How many earlier windows the mean-per-window series reads back from their reports. */
const SERIES_WINDOWS = 24;

/**
 * GET /entities/:namespace/:kind/:name/predictions?schedule=&windowEnd= — the distribution of
 * the model's output in one window (default the newest executed one), read from the window's
 * capture files, with the baseline's distribution when the baseline holds the output column.
 */
export function addPredictionsRoute(router: Router, deps: RouteDeps): void {
  router.get('/entities/:namespace/:kind/:name/predictions', async (req, res) => {
    // The entity first, with the caller's credentials: nothing is read or cached before.
    const request = await entityRequest(deps, req);
    if (request.annotations.source === 'sagemaker') {
      throw new NotFoundError(
        `The prediction distribution is not available for SageMaker endpoints (${request.entityRef}): it is computed from built-in capture only`,
      );
    }
    const model = request.builtinModel;
    if (!model) throw new NotFoundError(`${request.entityRef} has no built-in model registered for its endpoint`);
    const schedule = pickSchedule(request, nameParam(req.query, 'schedule'), 'DataQuality');
    const spec = model.schedules.find(s => s.name === schedule);
    if (!spec) throw new NotFoundError(`${request.entityRef} has no built-in schedule "${schedule}"`);
    let to = new Date();
    if (req.query.windowEnd !== undefined) {
      const parsed = z.iso.datetime({ offset: true }).safeParse(req.query.windowEnd);
      if (!parsed.success) throw new InputError('Query parameter windowEnd: must be an ISO-8601 date-time');
      to = new Date(parsed.data);
    }
    const executions = await deps.executions.page(request.entityRef, { scheduleName: schedule, from: new Date(0), to, limit: SERIES_WINDOWS });
    const latest = executions[0];
    if (!latest) {
      const empty: PredictionDistributionResponse = {
        entityRef: request.entityRef,
        scheduleName: schedule,
        attribute: spec.inferenceAttribute ?? '_c0',
        series: [],
        errors: [{ source: 'capture', code: 404, message: `No window of ${schedule} has run yet` }],
      };
      res.json(empty);
      return;
    }
    // Keyed by the resolved window: a window's capture does not change once it has run.
    const key = `${request.entityRef}\u0000predictions\u0000${schedule}\u0000${latest.windowEnd}`;
    const body = await deps.cache.getOrLoad(key, async () => {
      const window = await windowPredictions(deps.openStore(model.captureUri), {
        endpoint: model.endpointName,
        variant: model.variant,
        start: new Date(latest.windowStart),
        end: new Date(latest.windowEnd),
      });
      const baseline = await deps.baselines.statistics(spec.baselineUri).catch(() => undefined);
      // As the monitor names captured columns: a baseline with more columns than the input
      // holds the output first.
      const baselineHoldsOutput = Boolean(baseline) && window.outputColumns > 0 && baseline!.features.length !== window.inputColumns;
      const attribute = spec.inferenceAttribute ?? (baselineHoldsOutput ? baseline!.features[0].name : '_c0');
      const baseFeature = baselineHoldsOutput ? baseline!.features.find(f => f.name === attribute) : undefined;
      const series: TimePoint[] = [];
      if (baseFeature) {
        // Earlier windows' means come from their reports, which profile the output column too.
        for (const execution of [...executions].reverse()) {
          if (execution.windowEnd === latest.windowEnd || !execution.reportUri) continue;
          const stats = await deps.baselines.statistics(execution.reportUri).catch(() => undefined);
          const mean = stats?.features.find(f => f.name === attribute)?.numerical_statistics?.mean;
          if (mean !== undefined) series.push({ time: execution.windowEnd, value: mean });
        }
      }
      const mean = window.distribution?.numeric?.mean;
      if (mean !== undefined) series.push({ time: latest.windowEnd, value: mean });
      const result: PredictionDistributionResponse = {
        entityRef: request.entityRef,
        scheduleName: schedule,
        attribute,
        windowEnd: latest.windowEnd,
        baseline: baseFeature
          ? featureDistribution(baseFeature, baseline!.dataset.item_count, window.distribution?.numeric?.buckets)
          : undefined,
        window: window.distribution,
        series,
        errors: window.outputColumns === 0 && window.records > 0
          ? [{ source: 'capture', code: 404, message: `The capture of ${model.endpointName} holds no model output` }]
          : undefined,
      };
      return result;
    });
    res.json(body);
  });
}
