import type { Knex } from 'knex';
import type {
  AlertHistoryEntry,
  AlertRule,
  AlertState,
  AlertStatus,
} from '@mlmon/plugin-model-monitoring-common';

interface StateRow {
  entity_ref: string;
  rule_name: string;
  kind: string;
  schedule_name: string;
  status: string;
  since: Date | string;
  reason: string;
  datapoints_in_alert: number;
  evaluation_period: number;
  acknowledged_by: string | null;
  acknowledged_at: Date | string | null;
}

interface HistoryRow {
  entity_ref: string;
  rule_name: string;
  from_status: string;
  to_status: string;
  at: Date | string;
  reason: string;
  window_end: Date | string | null;
}

const iso = (v: Date | string | number) => new Date(v).toISOString();

/** Alert rules, current alert states and the history of OK ↔ InAlert transitions per model. */
export class AlertStore {
  constructor(private readonly knex: Knex) {}

  async rules(entityRef: string): Promise<AlertRule[]> {
    const rows: Array<{ rule_json: string }> = await this.knex('alert_rules')
      .where({ entity_ref: entityRef })
      .orderBy('rule_name');
    return rows.map(r => JSON.parse(r.rule_json) as AlertRule);
  }

  /** Replaces every rule of a model in one transaction; states of removed rules go too. */
  async replaceRules(entityRef: string, rules: AlertRule[]): Promise<void> {
    await this.knex.transaction(async tx => {
      await tx('alert_rules').where({ entity_ref: entityRef }).delete();
      if (rules.length) {
        await tx('alert_rules').insert(
          rules.map(r => ({ entity_ref: entityRef, rule_name: r.name, rule_json: JSON.stringify(r) })),
        );
      }
      await tx('alert_states')
        .where({ entity_ref: entityRef })
        .whereNotIn('rule_name', rules.map(r => r.name))
        .delete();
    });
  }

  async states(entityRef: string): Promise<AlertState[]> {
    const rows: StateRow[] = await this.knex('alert_states')
      .where({ entity_ref: entityRef })
      .orderBy('rule_name');
    return rows.map(toState);
  }

  /** Open alerts per model, for the snapshots. */
  async openCounts(): Promise<Map<string, number>> {
    const rows: Array<{ entity_ref: string; n: number | string }> = await this.knex('alert_states')
      .where({ status: 'InAlert' })
      .select('entity_ref')
      .count({ n: '*' })
      .groupBy('entity_ref');
    return new Map(rows.map(r => [r.entity_ref, Number(r.n)]));
  }

  /**
   * Saves the state of a rule; when the status changed, also appends the transition to the
   * history, in the same transaction. Returns the previous status (undefined when new).
   */
  async saveState(
    entityRef: string,
    state: AlertState,
    windowEnd?: string,
  ): Promise<AlertStatus | undefined> {
    return this.knex.transaction(async tx => {
      const previous: StateRow | undefined = await tx('alert_states')
        .where({ entity_ref: entityRef, rule_name: state.ruleName })
        .first();
      const changed = !previous || previous.status !== state.status;
      const row: StateRow = {
        entity_ref: entityRef,
        rule_name: state.ruleName,
        kind: state.kind,
        schedule_name: state.scheduleName,
        status: state.status,
        since: changed ? new Date(state.since) : new Date(previous!.since),
        reason: state.reason,
        datapoints_in_alert: state.datapointsInAlert,
        evaluation_period: state.evaluationPeriod,
        // An acknowledgement belongs to one alert episode; a new transition clears it.
        acknowledged_by: changed ? null : previous!.acknowledged_by,
        acknowledged_at: changed ? null : previous!.acknowledged_at,
      };
      await tx('alert_states').insert(row).onConflict(['entity_ref', 'rule_name']).merge();
      const from = (previous?.status as AlertStatus | undefined) ?? 'OK';
      if (from !== state.status) {
        const history: HistoryRow = {
          entity_ref: entityRef,
          rule_name: state.ruleName,
          from_status: from,
          to_status: state.status,
          at: new Date(state.since),
          reason: state.reason,
          window_end: windowEnd ? new Date(windowEnd) : null,
        };
        await tx('alert_history').insert(history);
      }
      return previous?.status as AlertStatus | undefined;
    });
  }

  async acknowledge(entityRef: string, ruleName: string, by: string): Promise<AlertState | undefined> {
    await this.knex('alert_states')
      .where({ entity_ref: entityRef, rule_name: ruleName })
      .update({ acknowledged_by: by, acknowledged_at: new Date() });
    const row: StateRow | undefined = await this.knex('alert_states')
      .where({ entity_ref: entityRef, rule_name: ruleName })
      .first();
    return row ? toState(row) : undefined;
  }

  async history(entityRef: string, limit = 100): Promise<AlertHistoryEntry[]> {
    const rows: HistoryRow[] = await this.knex('alert_history')
      .where({ entity_ref: entityRef })
      .orderBy([{ column: 'at', order: 'desc' }, { column: 'id', order: 'desc' }])
      .limit(limit);
    return rows.map(r => ({
      ruleName: r.rule_name,
      from: r.from_status as AlertStatus,
      to: r.to_status as AlertStatus,
      at: iso(r.at),
      reason: r.reason,
      windowEnd: r.window_end === null ? undefined : iso(r.window_end),
    }));
  }
}

function toState(r: StateRow): AlertState {
  return {
    ruleName: r.rule_name,
    kind: r.kind as AlertState['kind'],
    scheduleName: r.schedule_name,
    status: r.status as AlertStatus,
    since: iso(r.since),
    reason: r.reason,
    datapointsInAlert: Number(r.datapoints_in_alert),
    evaluationPeriod: Number(r.evaluation_period),
    acknowledgedBy: r.acknowledged_by ?? undefined,
    acknowledgedAt: r.acknowledged_at === null ? undefined : iso(r.acknowledged_at),
  };
}
