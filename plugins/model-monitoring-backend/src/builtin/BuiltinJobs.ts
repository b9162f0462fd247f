import type { LoggerService } from '@backstage/backend-plugin-api';
import { windowsBetween, latestRunAtOrBefore, type ScheduledWindow } from '@mlmon/monitor-engine';
import type { RunStatusResponse } from '@mlmon/plugin-model-monitoring-common';
import { randomUUID } from 'node:crypto';
import type { BuiltinModel } from '../config/builtinConfig';
import type { ExecutionStore } from '../database/ExecutionStore';
import { runBuiltinWindow, type RunWindowContext, type WindowOutcome } from './runBuiltinWindow';

/** Called after each recorded execution: alert evaluation and the status snapshot. */
export type AfterExecution = (model: BuiltinModel, outcome: WindowOutcome) => Promise<void>;

/** Most windows one backfill request may ask for. */
export const MAX_BACKFILL_WINDOWS = 2000;

/**
 * Runs the built-in engine's schedules: one execution per window, never twice (a window with a
 * recorded execution is skipped; the executions table's unique key backs this up), catching up
 * missed windows after a restart, and backfilling history on request.
 */
export class BuiltinJobs {
  private readonly runs = new Map<string, { entityRef: string; status: RunStatusResponse }>();

  constructor(
    private readonly executions: ExecutionStore,
    private readonly context: RunWindowContext,
    private readonly afterExecution: AfterExecution,
    private readonly logger: LoggerService,
    private readonly maxCatchUpWindows: number,
  ) {}

  /** Windows of a schedule that ended in (from, to], oldest first, at most `limit`. */
  windows(model: BuiltinModel, scheduleName: string, from: Date, to: Date, limit: number): ScheduledWindow[] {
    const schedule = model.schedules.find(s => s.name === scheduleName);
    if (!schedule) return [];
    const out: ScheduledWindow[] = [];
    for (const w of windowsBetween(schedule.scheduleExpression, from, to)) {
      if (out.length >= limit) break;
      out.push(w);
    }
    return out;
  }

  private async runAndRecord(model: BuiltinModel, scheduleName: string, w: ScheduledWindow) {
    const outcome = await runBuiltinWindow(model, scheduleName, w, this.context);
    await this.executions.record(model.entityRef, outcome.execution, outcome.metrics);
    await this.afterExecution(model, outcome);
    return outcome;
  }

  /**
   * The scheduled pass: for every schedule, run the windows that ended since its newest
   * execution (a new model starts with its newest window). Windows already recorded are skipped.
   */
  async runDue(models: BuiltinModel[], now = new Date()): Promise<number> {
    let ran = 0;
    for (const model of models) {
      for (const schedule of model.schedules) {
        try {
          const last = await this.executions.lastWindowEnd(model.entityRef, schedule.name);
          const newest = latestRunAtOrBefore(schedule.scheduleExpression, now);
          if (!newest) continue;
          const from = last ?? new Date(newest.getTime() - 1);
          for (const w of this.windows(model, schedule.name, from, now, this.maxCatchUpWindows)) {
            if (await this.executions.has(model.entityRef, schedule.name, w.window.start)) continue;
            await this.runAndRecord(model, schedule.name, w);
            ran += 1;
          }
        } catch (error) {
          // One model's failure must not stop the others.
          this.logger.error(
            `Built-in monitoring of ${model.endpointName}/${schedule.name} failed: ${(error as Error).message}`,
          );
        }
      }
    }
    return ran;
  }

  /**
   * Starts an on-demand run or backfill in the background and returns its tracking record.
   * Windows already executed are skipped unless `force`.
   */
  async start(
    entityRef: string,
    model: BuiltinModel,
    scheduleName: string,
    windows: ScheduledWindow[],
    force: boolean,
  ): Promise<{ status: RunStatusResponse; skipped: number; done: Promise<void> }> {
    const todo: ScheduledWindow[] = [];
    for (const w of windows) {
      if (force || !(await this.executions.has(model.entityRef, scheduleName, w.window.start))) todo.push(w);
    }
    // Newest first: a model's current status is right as soon as its newest window has run,
    // and history fills in behind it without moving alerts (they follow the newest windows).
    todo.sort((a, b) => b.window.start.getTime() - a.window.start.getTime());
    const status: RunStatusResponse = {
      runId: randomUUID(),
      scheduleName,
      state: 'Queued',
      windowsTotal: todo.length,
      windowsDone: 0,
      windowsFailed: 0,
      startedAt: new Date().toISOString(),
    };
    this.runs.set(status.runId, { entityRef, status });
    const done = (async () => {
      status.state = 'Running';
      try {
        for (const w of todo) {
          const outcome = await this.runAndRecord(model, scheduleName, w);
          status.windowsDone += 1;
          if (outcome.execution.status === 'Failed') status.windowsFailed += 1;
        }
        status.state = 'Completed';
      } catch (error) {
        status.state = 'Failed';
        status.message = (error as Error).message;
      }
      status.finishedAt = new Date().toISOString();
    })();
    return { status, skipped: windows.length - todo.length, done };
  }

  /** A run's progress, only for the entity it belongs to. */
  run(runId: string, entityRef: string): RunStatusResponse | undefined {
    const run = this.runs.get(runId);
    return run?.entityRef === entityRef ? run.status : undefined;
  }
}
