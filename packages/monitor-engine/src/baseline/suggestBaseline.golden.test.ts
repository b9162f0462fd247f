import fs from 'node:fs';
import { DuckDbEngine } from '../sql/DuckDbEngine';
import { readConstraints } from '../formats/constraints';
import { readStatistics, writeStatistics } from '../formats/statistics';
import { writeConstraints } from '../formats/constraints';
import { sagemakerSample } from '../testing/sharedFolder';
import { suggestBaseline } from './suggestBaseline';

const SDK_DQ =
  'aws__sagemaker-python-sdk/tests/data/pipeline/quality_check_step/data_quality';
const INTRO =
  'aws__amazon-sagemaker-examples/sagemaker_model_monitor/introduction';

describe('suggestBaseline against real SageMaker outputs', () => {
  let engine: DuckDbEngine;
  beforeAll(async () => {
    engine = await DuckDbEngine.create({ memoryLimit: '512MB' });
  });
  afterAll(() => engine.close());

  it('reproduces the SDK data-quality statistics.json and constraints.json byte for byte', async () => {
    const result = await suggestBaseline({
      engine,
      dataset: {
        path: sagemakerSample(`${SDK_DQ}/baseline_dataset.csv`),
        format: 'csv',
        header: false,
      },
    });
    const statisticsText = fs.readFileSync(
      sagemakerSample(`${SDK_DQ}/statistics.json`),
      'utf8',
    );
    const constraintsText = fs.readFileSync(
      sagemakerSample(`${SDK_DQ}/good_cases/constraints.json`),
      'utf8',
    );
    // Structure first, for a readable diff; then the exact bytes SageMaker wrote.
    expect(result.statistics).toEqual(
      readStatistics(statisticsText, 'sdk statistics.json'),
    );
    expect(result.constraints).toEqual(
      readConstraints(constraintsText, 'sdk constraints.json'),
    );
    expect(writeStatistics(result.statistics)).toBe(
      statisticsText.replace(/\n$/, ''),
    );
    expect(writeConstraints(result.constraints)).toBe(
      constraintsText.replace(/\n$/, ''),
    );
  });

  it('infers every type and is_non_negative flag of the 70-column intro baseline', async () => {
    const result = await suggestBaseline({
      engine,
      dataset: {
        path: sagemakerSample(
          `${INTRO}/test_data/training-dataset-with-header.csv`,
        ),
        format: 'csv',
        header: true,
      },
    });
    const realFile = sagemakerSample(
      `${INTRO}/SageMaker-ModelMonitoring.ipynb.extracted/baseline/constraints.json`,
    );
    const real = readConstraints(fs.readFileSync(realFile, 'utf8'), realFile);
    expect(result.statistics.dataset.item_count).toBe(2333);
    expect(result.constraints.features).toHaveLength(70);
    expect(result.constraints).toEqual(real);
  });
});
