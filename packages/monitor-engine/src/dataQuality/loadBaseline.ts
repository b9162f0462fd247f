import fs from 'node:fs/promises';
import path from 'node:path';
import { Constraints, readConstraints } from '../formats/constraints';
import { Statistics, readStatistics } from '../formats/statistics';

/** A data-quality baseline: constraints (required) and statistics (needed for drift checks). */
export interface DataQualityBaseline {
  constraints: Constraints;
  statistics?: Statistics;
}

/** The baseline cannot be used; the message names the file and what to fix. */
export class BaselineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BaselineError';
  }
}

/** Reads constraints.json and statistics.json from a baseline folder. */
export async function loadBaselineDir(
  dir: string,
): Promise<DataQualityBaseline> {
  const constraintsFile = path.join(dir, 'constraints.json');
  const statisticsFile = path.join(dir, 'statistics.json');
  const constraintsText = await readIfExists(constraintsFile);
  if (constraintsText === undefined) {
    throw new BaselineError(
      `Baseline constraints not found: ${constraintsFile}. Run \`mlmon suggest-baseline --dataset FILE --output ${dir}\` first, or point --baseline at the folder holding constraints.json.`,
    );
  }
  const statisticsText = await readIfExists(statisticsFile);
  try {
    return {
      constraints: readConstraints(constraintsText, constraintsFile),
      statistics:
        statisticsText === undefined
          ? undefined
          : readStatistics(statisticsText, statisticsFile),
    };
  } catch (error) {
    throw new BaselineError(
      `Corrupt baseline: ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
  }
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new BaselineError(`Cannot read ${file}: ${(error as Error).message}`);
  }
}
