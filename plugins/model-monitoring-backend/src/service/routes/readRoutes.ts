import { InputError, NotFoundError } from '@backstage/errors';
import type {
  ExecutionsResponse,
  FeatureStatisticsResponse,
  MonitorType,
  ReportFileName,
} from '@mlmon/plugin-model-monitoring-common';
import type { Router } from 'express';
import { z } from 'zod';
import { buildSummary } from '../buildSummary';
import { buildDrift } from '../buildDrift';
import { DEFAULT_DRIFT_MAX_POINTS, MAX_DRIFT_MAX_POINTS, downsampleDriftResponse } from '../downsampleDrift';
import { buildQuality, buildViolations } from '../buildSeries';
import { monitorHealth, modelHealth } from '../deriveHealth';
import { featureStatisticsBody } from '../featureStatisticsBody';
import { entityRequest, nameParam, parseRange, pickSchedule } from '../requestContext';
import { prepareJson, sendPrepared, type PreparedJson } from '../preparedJson';
import type { RouteDeps } from './routeDeps';
import { sageMakerRequest } from './sageMakerRequest';

const ENTITY = '/entities/:namespace/:kind/:name';
const REPORT_FILES: ReportFileName[] = ['statistics.json', 'constraints.json', 'constraint_violations.json', 'analysis.json', 'report.html'];

/** Read-only entity routes: summary, executions, drift, violations, features, quality, reports. */
export function addReadRoutes(router: Router, deps: RouteDeps): void {
  router.get(`${ENTITY}/summary`, async (req, res) => {
    const request = await entityRequest(deps, req);
    const key = `${request.entityRef}\u0000summary`;
    const cached = deps.cache.get(key);
    if (cached) {
      res.json(cached);
      return;
    }
    if (request.annotations.source === 'sagemaker') {
      if (!deps.sagemaker) throw new NotFoundError(`${request.entityRef} is monitored by SageMaker, but the SageMaker source is not configured (modelMonitoring.sagemaker)`);
      const summary = await deps.sagemaker.summary(request);
      const alerts = await deps.alerts.states(request.entityRef);
      const withAlerts = { ...summary, alerts, health: alerts.some(a => a.status === 'InAlert') ? 'InAlert' as const : summary.health };
      // A summary with a failed part is cached briefly only through the short TTL of the cache.
      deps.cache.set(key, withAlerts);
      res.json(withAlerts);
      return;
    }
    const latest = await deps.executions.latestPerSchedule(request.entityRef);
    const summary = buildSummary(
      { ...request, annotations: { ...request.annotations, schedules: request.scheduleNames } },
      latest,
    );
    const alerts = await deps.alerts.states(request.entityRef);
    for (const monitor of summary.monitors) {
      const spec = request.builtinModel?.schedules.find(s => s.name === monitor.scheduleName);
      if (spec) {
        monitor.monitorType = spec.monitorType;
        monitor.scheduleExpression = spec.scheduleExpression;
        monitor.scheduleStatus = 'Scheduled';
        monitor.nextRunAt = deps.nextRun(spec.scheduleExpression)?.toISOString();
      }
      monitor.health = monitorHealth(monitor.lastExecution);
    }
    const result = {
      ...summary,
      health: modelHealth(latest, alerts),
      alerts,
      dashboardAvailable: Boolean(request.annotations.quickSightDashboardId),
    };
    deps.cache.set(key, result);
    res.json(result);
  });

  router.get(`${ENTITY}/executions`, async (req, res) => {
    const request = await entityRequest(deps, req);
    const range = parseRange(req.query);
    const schedule = nameParam(req.query, 'schedule');
    if (schedule !== undefined && request.annotations.source !== 'sagemaker') pickSchedule(request, schedule);
    const q = z
      .object({
        status: z.enum(['Pending', 'InProgress', 'Completed', 'CompletedWithViolations', 'Failed', 'Stopping', 'Stopped']).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
        cursor: z.iso.datetime({ offset: true }).optional(),
      })
      .safeParse(req.query);
    if (!q.success) throw new InputError(`Query parameter ${q.error.issues[0].path.join('.')}: ${q.error.issues[0].message}`);
    // The cursor is the window end of the last item seen: the next page is strictly older.
    const to = q.data.cursor ? new Date(new Date(q.data.cursor).getTime() - 1) : range.to;
    if (request.annotations.source === 'sagemaker') {
      const sm = await sageMakerRequest(deps.sagemaker, request);
      if (schedule !== undefined) pickSchedule(sm.request, schedule);
      const items = await sm.source.executions(sm.request, schedule ? [schedule] : sm.request.scheduleNames, { from: range.from, to }, q.data.limit + 1, q.data.status);
      const page = items.slice(0, q.data.limit);
      const base = `/entities/${encodeURIComponent(req.params.namespace)}/${encodeURIComponent(req.params.kind)}/${encodeURIComponent(req.params.name)}/reports`;
      const body: ExecutionsResponse = {
        entityRef: request.entityRef,
        range: { from: range.from.toISOString(), to: range.to.toISOString() },
        items: page.map(e => ({
          ...e,
          reports: (e.status === 'Completed' || e.status === 'CompletedWithViolations'
            ? ['statistics.json', 'constraints.json', 'constraint_violations.json']
            : []
          ).map(name => ({
            name,
            uri: name,
            href: `${base}?schedule=${encodeURIComponent(e.scheduleName)}&windowEnd=${encodeURIComponent(e.windowEnd)}&file=${name}`,
          })),
        })),
        nextCursor: items.length > q.data.limit ? page[page.length - 1].windowEnd : undefined,
      };
      res.json(body);
      return;
    }
    const items = await deps.executions.page(request.entityRef, {
      scheduleName: schedule,
      status: q.data.status,
      from: range.from,
      to,
      limit: q.data.limit + 1,
    });
    const page = items.slice(0, q.data.limit);
    const base = `/entities/${encodeURIComponent(req.params.namespace)}/${encodeURIComponent(req.params.kind)}/${encodeURIComponent(req.params.name)}/reports`;
    const body: ExecutionsResponse = {
      entityRef: request.entityRef,
      range: { from: range.from.toISOString(), to: range.to.toISOString() },
      items: page.map(e => ({
        ...e,
        reports: e.reportUri
          ? (e.monitorType === 'DataQuality' || e.monitorType === 'ModelQuality'
              ? ['statistics.json', 'constraints.json', 'constraint_violations.json']
              : ['analysis.json', 'constraint_violations.json', 'report.html']
            ).map(name => ({
              name,
              uri: `${e.reportUri}/${name}`,
              href: `${base}?schedule=${encodeURIComponent(e.scheduleName)}&windowEnd=${encodeURIComponent(e.windowEnd)}&file=${name}`,
            }))
          : [],
      })),
      nextCursor: items.length > q.data.limit ? page[page.length - 1].windowEnd : undefined,
    };
    res.json(body);
  });

  router.get(`${ENTITY}/reports`, async (req, res) => {
    const entity = await entityRequest(deps, req);
    const sm = entity.annotations.source === 'sagemaker' ? await sageMakerRequest(deps.sagemaker, entity) : undefined;
    const request = sm?.request ?? entity;
    const schedule = pickSchedule(request, nameParam(req.query, 'schedule'));
    const file = req.query.file;
    if (typeof file !== 'string' || !(REPORT_FILES as string[]).includes(file)) {
      throw new InputError(`Query parameter file: must be one of ${REPORT_FILES.join(', ')}`);
    }
    const windowEnd = z.iso.datetime({ offset: true }).safeParse(req.query.windowEnd);
    if (!windowEnd.success) throw new InputError('Query parameter windowEnd: must be an ISO-8601 date-time');
    const end = new Date(windowEnd.data);
    if (sm) {
      // The location comes from SageMaker (the execution's processing job), checked against the
      // configured report prefixes: never from the client.
      const uri = await sm.source.reportUriAt(request, schedule, end);
      const body = uri ? await (await sm.source.reportReader(request)).file(uri, file) : undefined;
      if (!body) throw new NotFoundError(`${file} does not exist for ${schedule} at ${windowEnd.data}`);
      res.type(file.endsWith('.html') ? 'text/plain' : 'application/json').send(body);
      return;
    }
    const [execution] = await deps.executions.list(request.entityRef, schedule, new Date(end.getTime() - 1), end);
    // Only the report location recorded for this entity's execution is read: never a client path.
    if (!execution?.reportUri) throw new NotFoundError(`No report for ${schedule} at ${windowEnd.data}`);
    const body = await deps.reports.file(execution.reportUri, file);
    if (!body) throw new NotFoundError(`${file} does not exist for ${schedule} at ${windowEnd.data}`);
    res.type(file.endsWith('.html') ? 'text/plain' : 'application/json').send(body);
  });

  router.get(`${ENTITY}/drift`, async (req, res) => {
    const entity = await entityRequest(deps, req);
    const sm = entity.annotations.source === 'sagemaker' ? await sageMakerRequest(deps.sagemaker, entity) : undefined;
    const request = sm?.request ?? entity;
    const asked = nameParam(req.query, 'schedule');
    const schedule = sm ? await sageMakerSchedule(sm, asked, 'DataQuality') : pickSchedule(request, asked, 'DataQuality');
    const range = parseRange(req.query);
    const features = typeof req.query.features === 'string' ? req.query.features.split(',').slice(0, 50) : undefined;
    const maxPoints = driftMaxPoints(req.query.maxPoints);
    // Cached only now that the caller may read the entity. A range open towards now is cached
    // too: its answer changes with a new execution, which drops the entity's entries, and
    // otherwise after at most the cache's time to live. The cache keeps the serialized answer:
    // a hit costs no stringify.
    const key = `${request.entityRef}\u0000drift\u0000${schedule}\u0000${req.query.from ?? ''}\u0000${req.query.to ?? ''}\u0000${features?.join(',') ?? ''}\u0000${maxPoints}`;
    const prepared = await deps.cache.getOrLoad(key, async () =>
      prepareJson(
        sm
          ? downsampleDriftResponse(await sm.source.drift(request, schedule, range, features), maxPoints)
          : await buildDrift(request, schedule, range, { features, maxPoints }, deps),
      ),
    );
    sendPrepared(res, prepared as PreparedJson);
  });

  router.get(`${ENTITY}/violations`, async (req, res) => {
    const entity = await entityRequest(deps, req);
    const sm = entity.annotations.source === 'sagemaker' ? await sageMakerRequest(deps.sagemaker, entity) : undefined;
    const request = sm?.request ?? entity;
    const asked = nameParam(req.query, 'schedule');
    const schedules = asked ? [pickSchedule(request, asked)] : request.scheduleNames;
    const range = parseRange(req.query);
    res.json(sm ? await sm.source.violations(request, schedules, range) : await buildViolations(request, schedules, range, deps));
  });

  router.get(`${ENTITY}/quality`, async (req, res) => {
    const entity = await entityRequest(deps, req);
    const range = parseRange(req.query);
    if (entity.annotations.source === 'sagemaker') {
      const sm = await sageMakerRequest(deps.sagemaker, entity);
      const schedule = await sageMakerSchedule(sm, nameParam(req.query, 'schedule'), 'ModelQuality');
      res.json(await sm.source.quality(sm.request, schedule, range));
      return;
    }
    const schedule = pickSchedule(entity, nameParam(req.query, 'schedule'), 'ModelQuality');
    res.json(await buildQuality(entity, schedule, range, deps));
  });

  router.get(`${ENTITY}/features/:feature`, async (req, res) => {
    const entity = await entityRequest(deps, req);
    const feature = req.params.feature;
    const windowEnd = optionalWindowEnd(req.query.windowEnd);
    if (entity.annotations.source === 'sagemaker') {
      const sm = await sageMakerRequest(deps.sagemaker, entity);
      const schedule = await sageMakerSchedule(sm, nameParam(req.query, 'schedule'), 'DataQuality');
      res.json(await sm.source.featureStatistics(sm.request, schedule, feature, windowEnd));
      return;
    }
    const request = entity;
    const schedule = pickSchedule(request, nameParam(req.query, 'schedule'), 'DataQuality');
    const spec = request.builtinModel?.schedules.find(s => s.name === schedule);
    const baseline = spec ? await deps.baselines.statistics(spec.baselineUri) : undefined;
    const [latest] = await deps.executions.page(request.entityRef, {
      scheduleName: schedule,
      from: new Date(0),
      to: windowEnd ?? new Date(),
      limit: 1,
    });
    const window = latest?.reportUri ? await deps.baselines.statistics(latest.reportUri) : undefined;
    const known = [baseline, window].some(s => s?.features.some(f => f.name === feature));
    // The drift of the window shown (not of the newest one when an older windowEnd is asked).
    const end = latest ? new Date(latest.windowEnd) : undefined;
    const metrics = end && known ? (await deps.executions.listWithMetrics(request.entityRef, schedule, new Date(end.getTime() - 1), end))[0]?.metrics : undefined;
    const body: FeatureStatisticsResponse = featureStatisticsBody({
      entityRef: request.entityRef,
      scheduleName: schedule,
      feature,
      baseline,
      window,
      windowEnd: latest?.windowEnd,
      distance: metrics?.[`feature_baseline_drift_${feature}`] ?? null,
      threshold: null,
    });
    res.json(body);
  });
}

/** A SageMaker quality route's schedule: the one asked for, else the endpoint's first of that type. */
async function sageMakerSchedule(sm: Awaited<ReturnType<typeof sageMakerRequest>>, asked: string | undefined, type: MonitorType): Promise<string> {
  if (asked !== undefined) return pickSchedule(sm.request, asked);
  const found = await sm.source.scheduleOfType(sm.request, type);
  if (!found) throw new NotFoundError(`${sm.request.entityRef} has no ${type} monitoring schedule`);
  return found;
}

/** `windowEnd` of the feature route: an ISO-8601 date-time, or absent for the newest window. */
function optionalWindowEnd(value: unknown): Date | undefined {
  if (value === undefined) return undefined;
  const parsed = z.iso.datetime({ offset: true }).safeParse(value);
  if (!parsed.success) throw new InputError('Query parameter windowEnd: must be an ISO-8601 date-time');
  return new Date(parsed.data);
}

// Built once: a zod schema costs more to build than to run (this is on every drift page view).
const maxPointsSchema = z.coerce.number().int().min(2).max(MAX_DRIFT_MAX_POINTS).default(DEFAULT_DRIFT_MAX_POINTS);

/** `maxPoints` of the drift route: points per series at most (default 500). */
function driftMaxPoints(value: unknown): number {
  const parsed = maxPointsSchema.safeParse(value);
  if (!parsed.success) throw new InputError(`Query parameter maxPoints: must be a whole number from 2 to ${MAX_DRIFT_MAX_POINTS}`);
  return parsed.data;
}
