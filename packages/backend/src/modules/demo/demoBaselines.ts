import {
  DEFAULT_MODEL_QUALITY,
  DuckDbEngine,
  Prng,
  groundTruthValue,
  inferLabelModel,
  modelQualityConstraintsJson,
  predictFromLabel,
  suggestBaseline,
  suggestModelQualityBaseline,
  writeBaselineFiles,
  type DatasetTable,
  type ObjectStore,
} from '@mlmon/monitor-engine';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DemoModel } from './demoModels';

const COMPLETENESS_SLACK = 0.05;

const csvCell = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
const csvLine = (cells: string[]) => cells.map(csvCell).join(',');

/** Baseline folder of a schedule, as the backend defaults it: `baselines/{endpoint}/{schedule}`. */
export const baselinePrefix = (endpointName: string, schedule: string) => `baselines/${endpointName}/${schedule}`;

/**
 * Writes the model's baselines with the engine, as a team would before turning monitoring on:
 * data quality from the training features (the data set without the label column), and model
 * quality from the model's predictions on that data set against its labels.
 */
export async function writeDemoBaselines(model: DemoModel, table: DatasetTable, root: ObjectStore): Promise<void> {
  const label = table.columns.indexOf(model.label);
  if (label < 0) throw new Error(`${table.file}: no column ${model.label}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `mlmon-demo-${model.endpointName}-`));
  const engine = await DuckDbEngine.create({ threads: 1, memoryLimit: '256MB' });
  try {
    const features = path.join(dir, 'features.csv');
    const keep = (cells: string[]) => cells.filter((_, i) => i !== label);
    fs.writeFileSync(features, `${[table.columns, ...table.rows].map(r => csvLine(keep(r))).join('\n')}\n`);
    const { statistics, constraints: suggested } = await suggestBaseline({
      engine,
      dataset: { path: features, format: 'csv', header: true },
    });
    // SageMaker suggests the baseline's completeness as the minimum, so a column with a few
    // empty cells (total_bedrooms) violates in any hour that happens to have one more; a team
    // would allow a few points, as here.
    const constraints = {
      ...suggested,
      features: suggested.features.map(f =>
        f.completeness !== undefined && f.completeness < 1
          ? { ...f, completeness: Math.max(0, f.completeness - COMPLETENESS_SLACK) }
          : f,
      ),
    };
    await writeBaselineFiles(
      { store: root, prefix: baselinePrefix(model.endpointName, model.dataQualitySchedule) },
      statistics,
      constraints,
    );

    if (model.modelQuality) {
      const labelled = table.rows.filter(r => r[label] !== '');
      const labelModel = inferLabelModel(labelled.map(r => r[label]), table.numeric[label]);
      const rng = new Prng(17, 5);
      const binary = labelModel.task === 'binary';
      const lines = labelled.map(r =>
        csvLine([groundTruthValue(labelModel, r[label]), predictFromLabel(labelModel, r[label], DEFAULT_MODEL_QUALITY, rng)]),
      );
      const predictions = path.join(dir, 'predictions.csv');
      fs.writeFileSync(predictions, `label,${binary ? 'probability' : 'prediction'}\n${lines.join('\n')}\n`);
      const outputDir = `${root.url.replace(/\/+$/, '')}/${baselinePrefix(model.endpointName, model.modelQuality.schedule)}`;
      const { constraints: suggestedQuality } = await suggestModelQualityBaseline({
        engine,
        dataset: predictions,
        header: true,
        problemType: model.modelQuality.problemType,
        groundTruthAttribute: 'label',
        ...(binary ? { probabilityAttribute: 'probability', probabilityThreshold: 0.5 } : { inferenceAttribute: 'prediction' }),
        outputDir,
      });
      const tolerances = model.modelQuality.tolerances;
      const kept = suggestedQuality.constraints
        .filter(c => tolerances[c.metric] !== undefined)
        .map(c => {
          const slack = Math.abs(c.threshold) * tolerances[c.metric];
          return { ...c, threshold: c.threshold + (c.comparisonOperator.startsWith('Less') ? -slack : slack) };
        });
      await root.put(
        `${baselinePrefix(model.endpointName, model.modelQuality.schedule)}/constraints.json`,
        modelQualityConstraintsJson({ ...suggestedQuality, constraints: kept }),
      );
    }
  } finally {
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
