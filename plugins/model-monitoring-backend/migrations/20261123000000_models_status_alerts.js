/*
 * Models onboarded to the built-in engine, per-model status snapshots for the overview (one
 * query per page view), alert rules, alert states and their history.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('monitoring_executions', table => {
    table
      .text('metrics_json')
      .nullable()
      .comment('Per-execution numbers read back from the reports: drift distances, quality metrics');
  });

  await knex.schema.createTable('builtin_models', table => {
    table.comment('Models registered with the built-in engine through onboarding');
    table.string('endpoint_name', 63).primary();
    table.string('entity_ref', 255).notNullable();
    table.text('spec_json').notNullable().comment('RegisterBuiltinModelRequest as JSON');
    table.string('registered_by', 255).nullable();
    table.timestamp('registered_at', { useTz: true }).notNullable();
    table.index(['entity_ref'], 'builtin_models_entity_idx');
  });

  await knex.schema.createTable('model_status_snapshots', table => {
    table.comment('One row per monitored model: what the overview lists');
    table.string('entity_ref', 255).primary();
    table.string('title', 255).notNullable();
    table.string('title_lower', 255).notNullable().comment('for case-insensitive search');
    table.string('owner', 255).nullable();
    table.string('source', 16).notNullable();
    table.string('endpoint_name', 63).notNullable();
    table.string('health', 16).notNullable();
    table.integer('health_rank').notNullable().comment('0 = worst, for sorting');
    table.string('risk_rating', 16).notNullable();
    table.integer('risk_rank').notNullable().comment('0 = highest risk, for sorting');
    table.timestamp('last_run_at', { useTz: true }).nullable();
    table.integer('open_alerts').notNullable().defaultTo(0);
    table.integer('coverage_count').notNullable().defaultTo(0);
    table.text('coverage_json').notNullable().defaultTo('[]');
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['health_rank', 'title_lower'], 'model_status_health_idx');
    table.index(['owner'], 'model_status_owner_idx');
  });

  await knex.schema.createTable('alert_rules', table => {
    table.string('entity_ref', 255).notNullable();
    table.string('rule_name', 63).notNullable();
    table.text('rule_json').notNullable();
    table.primary(['entity_ref', 'rule_name']);
  });

  await knex.schema.createTable('alert_states', table => {
    table.string('entity_ref', 255).notNullable();
    table.string('rule_name', 63).notNullable();
    table.string('kind', 16).notNullable();
    table.string('schedule_name', 63).notNullable();
    table.string('status', 16).notNullable();
    table.timestamp('since', { useTz: true }).notNullable();
    table.text('reason').notNullable();
    table.integer('datapoints_in_alert').notNullable();
    table.integer('evaluation_period').notNullable();
    table.string('acknowledged_by', 255).nullable();
    table.timestamp('acknowledged_at', { useTz: true }).nullable();
    table.primary(['entity_ref', 'rule_name']);
  });

  await knex.schema.createTable('alert_history', table => {
    table.bigIncrements('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.string('rule_name', 63).notNullable();
    table.string('from_status', 16).notNullable();
    table.string('to_status', 16).notNullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table.text('reason').notNullable();
    table.timestamp('window_end', { useTz: true }).nullable();
    table.index(['entity_ref', 'at'], 'alert_history_entity_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('alert_history');
  await knex.schema.dropTable('alert_states');
  await knex.schema.dropTable('alert_rules');
  await knex.schema.dropTable('model_status_snapshots');
  await knex.schema.dropTable('builtin_models');
  await knex.schema.alterTable('monitoring_executions', table => {
    table.dropColumn('metrics_json');
  });
};
