/*
 * One row per number of an execution (drift distance of a feature, a quality metric), so a
 * series route reads only the metrics it plots, through an index, instead of parsing the
 * metrics JSON of every execution in the range. Existing executions are copied over here.
 */

const BATCH = 500;

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('execution_metrics', table => {
    table.comment('Numbers read back from the reports of one execution, one row per metric');
    table.string('entity_ref', 255).notNullable();
    table.string('schedule_name', 63).notNullable();
    table.timestamp('window_end', { useTz: true }).notNullable();
    table.string('metric', 255).notNullable().comment('e.g. feature_baseline_drift_<feature>, auc');
    table.double('value').notNullable();
    table.primary(['entity_ref', 'schedule_name', 'metric', 'window_end'], 'execution_metrics_pk');
    table.index(['entity_ref', 'schedule_name', 'window_end'], 'execution_metrics_window_idx');
  });

  let lastId = 0;
  for (;;) {
    const rows = await knex('monitoring_executions')
      .select('id', 'entity_ref', 'schedule_name', 'window_end', 'metrics_json')
      .whereNotNull('metrics_json')
      .andWhere('id', '>', lastId)
      .orderBy('id')
      .limit(BATCH);
    if (!rows.length) break;
    lastId = Number(rows[rows.length - 1].id);
    const metrics = [];
    for (const row of rows) {
      let parsed;
      try {
        parsed = JSON.parse(row.metrics_json);
      } catch {
        // A row whose metrics cannot be read has no numbers to copy; it stays as it is.
        continue;
      }
      for (const [metric, value] of Object.entries(parsed ?? {})) {
        if (typeof value === 'number' && Number.isFinite(value)) {
          metrics.push({
            entity_ref: row.entity_ref,
            schedule_name: row.schedule_name,
            window_end: new Date(row.window_end),
            metric,
            value,
          });
        }
      }
    }
    // Five columns per row: chunks stay well below SQLite's limit of bound values.
    for (let i = 0; i < metrics.length; i += 1000) {
      await knex('execution_metrics').insert(metrics.slice(i, i + 1000)).onConflict(['entity_ref', 'schedule_name', 'metric', 'window_end']).ignore();
    }
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('execution_metrics');
};
