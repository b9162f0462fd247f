/*
 * A covering index for the series routes: metric, window end *and* value, so a long range is
 * read from the index alone instead of looking every row up in the table (90 days of hourly
 * drift for ten features are ~20,000 rows).
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('execution_metrics', table => {
    table.index(['entity_ref', 'schedule_name', 'metric', 'window_end', 'value'], 'execution_metrics_series_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('execution_metrics', table => {
    table.dropIndex(['entity_ref', 'schedule_name', 'metric', 'window_end', 'value'], 'execution_metrics_series_idx');
  });
};
