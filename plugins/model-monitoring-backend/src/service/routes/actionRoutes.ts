import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  modelMonitoringAlertsUpdatePermission,
  modelMonitoringDashboardEmbedPermission,
  modelMonitoringJobRunPermission,
  type AlertsResponse,
  type RunResponse,
} from '@mlmon/plugin-model-monitoring-common';
import { latestRunAtOrBefore } from '@mlmon/monitor-engine';
import type { Router } from 'express';
import { z } from 'zod';
import { MAX_BACKFILL_WINDOWS } from '../../builtin/BuiltinJobs';
import { entityRequest, pickSchedule, requirePermission } from '../requestContext';
import type { RouteDeps } from './routeDeps';

const ENTITY = '/entities/:namespace/:kind/:name';
const NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
const iso = z.iso.datetime({ offset: true });

const runRequestSchema = z.object({
  scheduleName: z.string().regex(NAME),
  windowEnd: iso.optional(),
  backfill: z.object({ from: iso, to: iso }).optional(),
  force: z.boolean().optional(),
});

const alertRuleSchema = z.object({
  name: z.string().regex(NAME),
  kind: z.enum(['violations', 'drift', 'quality']),
  scheduleName: z.string().regex(NAME),
  datapointsToAlert: z.number().int().min(1).max(100),
  evaluationPeriod: z.number().int().min(1).max(100),
  feature: z.string().max(255).optional(),
  metric: z.string().regex(/^[a-z0-9_]{1,64}$/).optional(),
  threshold: z.number().finite().optional(),
  comparison: z.enum(['LessThanThreshold', 'GreaterThanThreshold']).optional(),
  enabled: z.boolean(),
});

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`Request body ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

/** Routes that change something or reveal more than the catalog: each checks its permission. */
export function addActionRoutes(router: Router, deps: RouteDeps): void {
  router.post(`${ENTITY}/runs`, async (req, res) => {
    const request = await entityRequest(deps, req);
    await requirePermission(deps.permissions, request, modelMonitoringJobRunPermission);
    const body = parseBody(runRequestSchema, req.body);
    const scheduleName = pickSchedule(request, body.scheduleName);
    const model = request.builtinModel;
    if (!model) {
      throw new ConflictError(`${request.entityRef} is not run by the built-in engine; SageMaker runs its own schedules`);
    }
    const spec = model.schedules.find(s => s.name === scheduleName)!;
    let windows;
    if (body.backfill) {
      const from = new Date(body.backfill.from);
      const to = new Date(body.backfill.to);
      if (from >= to) throw new InputError('Request body backfill: from must be before to');
      windows = deps.jobs.windows(model, scheduleName, from, to, MAX_BACKFILL_WINDOWS + 1);
      if (windows.length > MAX_BACKFILL_WINDOWS) throw new InputError(`A backfill may cover at most ${MAX_BACKFILL_WINDOWS} windows`);
    } else {
      const end = latestRunAtOrBefore(spec.scheduleExpression, body.windowEnd ? new Date(body.windowEnd) : new Date());
      if (!end) throw new InputError('No window of the schedule ends at or before windowEnd');
      windows = deps.jobs.windows(model, scheduleName, new Date(end.getTime() - 1), end, 1);
    }
    const started = await deps.jobs.start(request.entityRef, model, scheduleName, windows, body.force ?? false);
    started.done.then(
      () => deps.cache.invalidatePrefix(`${request.entityRef}\u0000`),
      error => deps.logger.error(`Run ${started.status.runId} failed: ${error}`),
    );
    const response: RunResponse = {
      runId: started.status.runId,
      scheduleName,
      windowsQueued: started.status.windowsTotal,
      windowsSkipped: started.skipped,
      statusUrl: `${req.baseUrl}${req.path}/${started.status.runId}`,
    };
    res.status(202).json(response);
  });

  router.get(`${ENTITY}/runs/:runId`, async (req, res) => {
    const request = await entityRequest(deps, req);
    const status = deps.jobs.run(req.params.runId, request.entityRef);
    if (!status) throw new NotFoundError(`No run ${req.params.runId} for ${request.entityRef}`);
    res.json(status);
  });

  router.get(`${ENTITY}/alerts`, async (req, res) => {
    const request = await entityRequest(deps, req);
    const body: AlertsResponse = {
      entityRef: request.entityRef,
      rules: await deps.alerting.rulesFor(request.entityRef, request.scheduleNames),
      states: await deps.alerts.states(request.entityRef),
      history: await deps.alerts.history(request.entityRef),
    };
    res.json(body);
  });

  router.put(`${ENTITY}/alerts/rules`, async (req, res) => {
    const request = await entityRequest(deps, req);
    await requirePermission(deps.permissions, request, modelMonitoringAlertsUpdatePermission);
    const { rules } = parseBody(z.object({ rules: z.array(alertRuleSchema).max(100) }), req.body);
    for (const rule of rules) pickSchedule(request, rule.scheduleName);
    if (new Set(rules.map(r => r.name)).size !== rules.length) throw new InputError('Rule names must be unique');
    await deps.alerts.replaceRules(request.entityRef, rules);
    for (const schedule of new Set(rules.map(r => r.scheduleName))) {
      await deps.alerting.evaluate(request.entityRef, schedule, request.scheduleNames);
    }
    deps.cache.invalidatePrefix(`${request.entityRef}\u0000`);
    await deps.refresher.refreshEntity(request.entityRef);
    const body: AlertsResponse = {
      entityRef: request.entityRef,
      rules: await deps.alerts.rules(request.entityRef),
      states: await deps.alerts.states(request.entityRef),
      history: await deps.alerts.history(request.entityRef),
    };
    res.json(body);
  });

  router.post(`${ENTITY}/alerts/:ruleName/acknowledge`, async (req, res) => {
    const request = await entityRequest(deps, req);
    await requirePermission(deps.permissions, request, modelMonitoringAlertsUpdatePermission);
    const principal = request.credentials.principal as { userEntityRef?: string; subject?: string };
    const by = principal.userEntityRef ?? principal.subject ?? 'service';
    const state = await deps.alerts.acknowledge(request.entityRef, req.params.ruleName, by);
    if (!state) throw new NotFoundError(`No alert ${req.params.ruleName} for ${request.entityRef}`);
    res.json(state);
  });

  router.get(`${ENTITY}/dashboard-embed`, async (req, res) => {
    const request = await entityRequest(deps, req);
    await requirePermission(deps.permissions, request, modelMonitoringDashboardEmbedPermission);
    if (!request.annotations.quickSightDashboardId) {
      throw new NotFoundError(`${request.entityRef} has no mlmon.dev/quicksight-dashboard annotation`);
    }
    if (!deps.embedDashboard) {
      throw new NotFoundError('QuickSight embedding is not configured (modelMonitoring.quickSight)');
    }
    res.setHeader('Cache-Control', 'no-store');
    res.json(await deps.embedDashboard(request));
  });
}
