/*
 * Monitoring executions, one row per (entity, schedule, window). The unique key is what makes a
 * scheduled job idempotent: recording the same window twice updates the row instead of adding one.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('monitoring_executions', table => {
    table.comment('One monitoring execution: one schedule of one model over one window');
    table.bigIncrements('id').primary();
    table.string('entity_ref', 255).notNullable().comment('Catalog entity ref of the model');
    table.string('schedule_name', 63).notNullable();
    table.string('monitor_type', 32).notNullable().comment('SageMaker MonitoringType name');
    table.timestamp('window_start', { useTz: true }).notNullable();
    table.timestamp('window_end', { useTz: true }).notNullable();
    table.string('status', 32).notNullable();
    table.text('failure_reason').nullable();
    table.integer('violation_count').notNullable().defaultTo(0);
    table.text('violations_json').notNullable().defaultTo('[]');
    table.text('report_uri').nullable();
    table.timestamp('finished_at', { useTz: true }).notNullable();
    table.unique(['entity_ref', 'schedule_name', 'window_start'], {
      indexName: 'monitoring_executions_window_uniq',
    });
    table.index(['entity_ref', 'schedule_name', 'window_end'], 'monitoring_executions_latest_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('monitoring_executions');
};
