import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDbEngine } from '../sql/DuckDbEngine';
import { sagemakerSample } from '../testing/sharedFolder';
import { suggestModelQualityBaseline } from './suggestModelQualityBaseline';

const SAMPLE = 'aws__sagemaker-python-sdk/tests/data/pipeline/quality_check_step/model_quality';

describe('suggestModelQualityBaseline on the real SageMaker regression sample', () => {
  let engine: DuckDbEngine;
  let outputDir: string;
  beforeAll(async () => {
    engine = await DuckDbEngine.create({ memoryLimit: '256MB', threads: 1 });
    outputDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mq-golden-'));
  });
  afterAll(async () => {
    await engine.close();
    fs.rmSync(outputDir, { recursive: true, force: true });
  });

  // SOURCES.md: the SDK integ test passes the columns swapped — SageMaker judged the
  // Label column as the inference and the Prediction column as the ground truth.
  const suggestFromSample = (evaluationTime: Date | null) =>
    suggestModelQualityBaseline({
      engine,
      dataset: sagemakerSample(`${SAMPLE}/baseline_dataset.csv`),
      header: true,
      problemType: 'Regression',
      inferenceAttribute: 'Label',
      groundTruthAttribute: 'Prediction',
      outputDir,
      evaluationTime,
    });

  it('writes byte-for-byte the statistics.json and constraints.json SageMaker wrote', async () => {
    await suggestFromSample(null);
    expect(fs.readFileSync(path.join(outputDir, 'statistics.json'), 'utf8')).toBe(
      fs.readFileSync(sagemakerSample(`${SAMPLE}/statistics.json`), 'utf8'),
    );
    expect(fs.readFileSync(path.join(outputDir, 'constraints.json'), 'utf8')).toBe(
      fs.readFileSync(sagemakerSample(`${SAMPLE}/good_cases/constraints.json`), 'utf8'),
    );
  });

  it('writes evaluation_time when asked, as newer SageMaker versions do', async () => {
    const result = await suggestFromSample(new Date('2023-03-30T21:08:34.729Z'));
    const statistics = JSON.parse(fs.readFileSync(path.join(outputDir, 'statistics.json'), 'utf8'));
    expect(statistics.dataset).toEqual({ item_count: 100, evaluation_time: '2023-03-30T21:08:34.729Z' });
    expect(result.metrics.values.get('r2')?.value).toBe(-3.208758170289026);
  });

  it('names the file, line and field of an unusable row', async () => {
    const bad = path.join(outputDir, 'bad.csv');
    fs.writeFileSync(bad, 'Label,Prediction\n1,0.5\n0,abc\n1,\n');
    await expect(
      suggestModelQualityBaseline({
        engine,
        dataset: bad,
        header: true,
        problemType: 'Regression',
        inferenceAttribute: 'Label',
        groundTruthAttribute: 'Prediction',
        outputDir,
      }),
    ).rejects.toThrow(
      `${bad} line 3: field 'Prediction' (ground truth) has the unusable value 'abc'; 2 of 3 rows are unusable`,
    );
  });

  it('names the columns when an attribute does not exist', async () => {
    await expect(
      suggestModelQualityBaseline({
        engine,
        dataset: sagemakerSample(`${SAMPLE}/baseline_dataset.csv`),
        header: true,
        problemType: 'Regression',
        inferenceAttribute: 'prediction',
        groundTruthAttribute: 'Label',
        outputDir,
      }),
    ).rejects.toThrow(/the inference attribute 'prediction' is not a column; columns are F1, F2, .*Label, Prediction/);
  });
});
