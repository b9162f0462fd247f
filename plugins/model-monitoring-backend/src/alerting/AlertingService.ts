import type { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { AlertRule, AlertState } from '@mlmon/plugin-model-monitoring-common';
import type { AlertStore } from '../database/AlertStore';
import type { ExecutionStore } from '../database/ExecutionStore';
import { defaultRule, evaluateAlertRule } from './evaluateAlertRule';

export interface AlertDefaults {
  datapointsToAlert: number;
  evaluationPeriod: number;
}

/**
 * Evaluates a model's alert rules after each execution, records OK ↔ InAlert transitions and
 * tells the entity's owner through Backstage notifications (recipient type `entity`, which the
 * notifications backend resolves to the owner), with a link to the entity page.
 */
export class AlertingService {
  constructor(
    private readonly alerts: AlertStore,
    private readonly executions: ExecutionStore,
    private readonly notifications: NotificationService | undefined,
    private readonly logger: LoggerService,
    private readonly defaults: AlertDefaults,
  ) {}

  /** The model's rules, or a default violations rule per schedule when it has none. */
  async rulesFor(entityRef: string, scheduleNames: string[]): Promise<AlertRule[]> {
    const stored = await this.alerts.rules(entityRef);
    return stored.length ? stored : scheduleNames.map(s => defaultRule(s, this.defaults));
  }

  /** Evaluates the rules of one schedule; returns the states that changed. */
  async evaluate(
    entityRef: string,
    scheduleName: string,
    allSchedules: string[],
    now = new Date(),
  ): Promise<AlertState[]> {
    const rules = (await this.rulesFor(entityRef, allSchedules)).filter(
      r => r.scheduleName === scheduleName,
    );
    const changed: AlertState[] = [];
    for (const rule of rules) {
      const newest = await this.executions.newest(entityRef, scheduleName, rule.evaluationPeriod);
      const state = evaluateAlertRule(rule, newest, now);
      const previous = await this.alerts.saveState(entityRef, state, newest[0]?.windowEnd);
      if ((previous ?? 'OK') !== state.status) {
        changed.push(state);
        await this.notify(entityRef, state);
      }
    }
    return changed;
  }

  private async notify(entityRef: string, state: AlertState): Promise<void> {
    if (!this.notifications) return;
    const { kind, namespace, name } = parseEntityRef(entityRef);
    const opened = state.status === 'InAlert';
    try {
      await this.notifications.send({
        recipients: { type: 'entity', entityRef },
        payload: {
          title: `${opened ? 'Monitoring alert' : 'Alert resolved'}: ${name} (${state.ruleName})`,
          description: state.reason,
          link: `/catalog/${namespace}/${kind.toLocaleLowerCase('en-US')}/${name}/monitoring`,
          severity: opened ? 'high' : 'normal',
          topic: `model-monitoring:${entityRef}`,
          scope: `model-monitoring:${entityRef}:${state.ruleName}`,
        },
      });
    } catch (error) {
      // A notification that cannot be sent must not undo the recorded transition.
      this.logger.warn(`Could not notify about ${entityRef} ${state.ruleName}: ${(error as Error).message}`);
    }
  }
}
