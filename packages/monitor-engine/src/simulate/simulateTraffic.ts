import { ObjectStore } from '../storage/ObjectStore';
import { openObjectStore } from '../storage/openObjectStore';
import { assertSageMakerName, captureFileKey, groundTruthHourPrefix, captureFileName } from '../storage/layout';
import { formatInferenceTime } from '../formats/captureRecord';
import { columnIndex, DatasetTable, readDatasetTable } from './datasetTable';
import { DriftEpisode, driftCell, intensityAt, parseDriftSpec, validateDriftEpisodes } from './driftSpec';
import {
  DEFAULT_MODEL_QUALITY,
  DegradeEpisode,
  groundTruthValue,
  inferLabelModel,
  ModelQuality,
  parseDegradeSpec,
  predictFromLabel,
  qualityAt,
} from './predictionModel';
import { Prng } from './prng';
import { applyBiasEpisodes, BiasEpisode, parseBiasSpec, validateBiasEpisodes } from './biasEpisode';
import { captureLine, groundTruthLine, inputPayload, outputPayload, SimulatedFormat } from './captureLine';

/** Options of {@link simulateTraffic}; see `mlmon simulate --help` for the meaning of each. */
export interface SimulateTrafficOptions {
  /** CSV file with a header, or an already loaded table. */
  dataset: string | DatasetTable;
  endpoint: string;
  variant?: string;
  /** Capture root: a store, or a location for openObjectStore (path, file://, s3://). */
  output: ObjectStore | string;
  start: Date;
  hours: number;
  /** Records per hour; a fraction adds one more record to that share of hours. */
  ratePerHour: number;
  seed?: number;
  format?: SimulatedFormat;
  /** Drift episodes on input features (spec text or parsed). */
  drift?: string | DriftEpisode[];
  /** Label column: left out of the captured input; predictions and ground truth derive from it. */
  label?: string;
  /** Binary tasks: the label value reported as "1" (default: 1, or the greater of the two values). */
  positiveLabel?: string;
  /** A deterministic model of your own: gets the captured input cells by column name. */
  predict?: (features: Readonly<Record<string, string>>) => string;
  /** Base quality of the label-derived model (default accuracy 0.9, error 0.1, bias 0). */
  modelQuality?: Partial<ModelQuality>;
  degrade?: string | DegradeEpisode[];
  /** Bias episodes: a facet's positive predictions turn negative (see biasEpisode.ts). */
  bias?: string | BiasEpisode[];
  /** Ground-truth root; needs `label`. */
  groundTruth?: ObjectStore | string;
  /** Labels arrive this long after inference (folder = arrival hour). Default 0. */
  labelDelayMs?: number;
  /** Add eventMetadata.inferenceId (a running number) as InvokeEndpoint callers may; ground truth then joins on it. */
  inferenceIds?: boolean;
  /** Minutes of traffic per capture file (SageMaker writes about one file a minute). Default 1. */
  fileMinutes?: number;
  /** Writes in flight at once. Default 4. */
  concurrency?: number;
}

export interface SimulationResult {
  captureRecords: number;
  captureFiles: number;
  groundTruthRecords: number;
  groundTruthFiles: number;
  /** Records whose input carried at least one active drift episode. */
  driftedRecords: number;
  /** Data set rows never sampled because their label cell is empty. */
  rowsWithoutLabel: number;
  firstInferenceTime?: string;
  lastInferenceTime?: string;
}

const HOUR_MS = 3_600_000;

function toStore(target: ObjectStore | string): ObjectStore {
  return typeof target === 'string' ? openObjectStore(target) : target;
}

/** Keeps a few writes in flight while the next file is generated; memory = concurrency x file size. */
class WritePipeline {
  private pending: Promise<void>[] = [];
  private failure: unknown;
  constructor(private readonly limit: number) {}
  async put(store: ObjectStore, key: string, body: string): Promise<void> {
    this.pending.push(store.put(key, body).catch(error => { this.failure ??= error; }));
    while (this.pending.length >= this.limit) await this.pending.shift();
    if (this.failure) throw this.failure;
  }
  async drain(): Promise<void> {
    await Promise.all(this.pending);
    this.pending = [];
    if (this.failure) throw this.failure;
  }
}

function checkOptions(o: SimulateTrafficOptions): void {
  assertSageMakerName('endpoint', o.endpoint);
  assertSageMakerName('variant', o.variant ?? 'AllTraffic');
  if (Number.isNaN(o.start.getTime())) throw new Error('The start time is not a valid date');
  if (!Number.isInteger(o.hours) || o.hours < 1) throw new Error(`hours must be a whole number ≥ 1, got ${o.hours}`);
  if (!(o.ratePerHour > 0) || !Number.isFinite(o.ratePerHour)) throw new Error(`rate must be a positive number of records per hour, got ${o.ratePerHour}`);
  const fileMinutes = o.fileMinutes ?? 1;
  if (!Number.isInteger(fileMinutes) || fileMinutes < 1 || fileMinutes > 60) throw new Error('fileMinutes must be a whole number from 1 to 60');
  if (o.groundTruth !== undefined && o.label === undefined) throw new Error('Ground truth needs a label column (--label)');
  if ((o.labelDelayMs ?? 0) < 0) throw new Error('The label delay must not be negative');
}

/**
 * Writes captured endpoint traffic in SageMaker's layout (and optionally ground truth), sampling
 * rows of a real data set with a seeded generator. Streaming: memory holds the data set and a few
 * files, whatever the number of records. The same options and seed always write the same bytes.
 */
export async function simulateTraffic(options: SimulateTrafficOptions): Promise<SimulationResult> {
  checkOptions(options);
  const table = typeof options.dataset === 'string' ? readDatasetTable(options.dataset) : options.dataset;
  const format = options.format ?? 'csv';
  const variant = options.variant ?? 'AllTraffic';
  const seed = options.seed ?? 1;
  const captureStore = toStore(options.output);
  const truthStore = options.groundTruth === undefined ? undefined : toStore(options.groundTruth);
  const labelDelay = options.labelDelayMs ?? 0;
  const fileMs = (options.fileMinutes ?? 1) * 60_000;

  // Input columns = every column but the label, in data set order.
  const labelIndex = options.label === undefined ? -1 : columnIndex(table, options.label, 'label column');
  const inputIndexes = table.columns.map((_, i) => i).filter(i => i !== labelIndex);
  const inputColumns = inputIndexes.map(i => table.columns[i]);
  const inputNumeric = inputIndexes.map(i => table.numeric[i]);
  const inputStdDev = inputIndexes.map(i => table.stdDev[i]);

  const driftEpisodes = validateDriftEpisodes(
    typeof options.drift === 'string' ? parseDriftSpec(options.drift) : options.drift ?? [],
    inputColumns,
    inputNumeric,
  );
  const degrade = typeof options.degrade === 'string' ? parseDegradeSpec(options.degrade) : options.degrade ?? [];
  const baseQuality = { ...DEFAULT_MODEL_QUALITY, ...options.modelQuality };
  const biasEpisodes = validateBiasEpisodes(typeof options.bias === 'string' ? parseBiasSpec(options.bias) : options.bias ?? [], inputColumns);

  // Rows with an empty label cannot be scored against ground truth: leave them out and count them.
  const sampleRows = labelIndex < 0 ? table.rows : table.rows.filter(row => row[labelIndex] !== '');
  if (sampleRows.length === 0) throw new Error(`${table.file}: no row has a value in the label column ${options.label}`);
  const labelModel = labelIndex < 0
    ? undefined
    : inferLabelModel(sampleRows.map(row => row[labelIndex]), table.numeric[labelIndex], options.positiveLabel);

  // Pre-encode each row's undrifted input once; drifted records are encoded on the fly.
  const rowInputs = sampleRows.map(row => inputIndexes.map(i => row[i]));
  const rowInputJson = rowInputs.map(cells => JSON.stringify(inputPayload(format, cells, inputNumeric)));

  // Without a label or a model of one's own: a fixed linear score of the standardised numeric inputs.
  const linearScore = (cells: string[]): string => {
    let z = 0;
    let k = 0;
    inputIndexes.forEach((column, i) => {
      if (!table.numeric[column] || cells[i] === '' || table.stdDev[column] === 0) return;
      z += (Number(cells[i]) - table.mean[column]) / table.stdDev[column];
      k++;
    });
    return String(Number((1 / (1 + Math.exp(-(k ? z / Math.sqrt(k) : 0)))).toPrecision(7)));
  };

  // Independent streams, so that adding drift or ground truth leaves the sampled traffic unchanged.
  const rowRng = new Prng(seed, 1);
  const timeRng = new Prng(seed, 2);
  const idRng = new Prng(seed, 3);
  const driftRng = new Prng(seed, 4);
  const modelRng = new Prng(seed, 5);
  const fileRng = new Prng(seed, 6);
  const biasRng = new Prng(seed, 7);

  const pipeline = new WritePipeline(options.concurrency ?? 4);
  const result: SimulationResult = {
    captureRecords: 0, captureFiles: 0, groundTruthRecords: 0, groundTruthFiles: 0, driftedRecords: 0,
    rowsWithoutLabel: table.rows.length - sampleRows.length,
  };

  let chunk = -1;
  let chunkStart = 0;
  let lines: string[] = [];
  let truth = new Map<number, { first: number; lines: string[] }>();
  const flush = async () => {
    if (lines.length > 0) {
      await pipeline.put(captureStore, captureFileKey(options.endpoint, variant, new Date(chunkStart), fileRng.uuid()), lines.join(''));
      result.captureFiles++;
    }
    for (const [arrivalHour, file] of truth) {
      const key = groundTruthHourPrefix(new Date(arrivalHour)) + captureFileName(new Date(file.first), fileRng.uuid());
      await pipeline.put(truthStore!, key, file.lines.join(''));
      result.groundTruthFiles++;
    }
    lines = [];
    truth = new Map();
  };

  let secondCache = -1;
  let timeText = '';
  const rateFloor = Math.floor(options.ratePerHour);
  const rateFraction = options.ratePerHour - rateFloor;
  for (let hour = 0; hour < options.hours; hour++) {
    const hourStart = options.start.getTime() + hour * HOUR_MS;
    const count = rateFloor + (timeRng.next() < rateFraction ? 1 : 0);
    for (let i = 0; i < count; i++) {
      // Stratified over the hour: sorted times, evenly spread, with jitter.
      const time = hourStart + Math.floor(((i + timeRng.next()) * HOUR_MS) / count);
      const fileChunk = Math.floor(time / fileMs);
      if (fileChunk !== chunk) {
        await flush();
        chunk = fileChunk;
        chunkStart = time;
      }
      const second = Math.floor(time / 1000);
      if (second !== secondCache) {
        secondCache = second;
        timeText = formatInferenceTime(new Date(time));
      }

      const rowIndex = rowRng.int(sampleRows.length);
      let cells = rowInputs[rowIndex];
      let inputJson = rowInputJson[rowIndex];
      let drifted = false;
      for (const episode of driftEpisodes) {
        const w = intensityAt(episode, time);
        if (w === 0) continue;
        if (!drifted) cells = [...cells];
        drifted = true;
        cells[episode.columnIndex] = driftCell(cells[episode.columnIndex], episode.operations, w, inputStdDev[episode.columnIndex], driftRng);
      }
      if (drifted) {
        inputJson = JSON.stringify(inputPayload(format, cells, inputNumeric));
        result.driftedRecords++;
      }

      const label = labelIndex < 0 ? undefined : sampleRows[rowIndex][labelIndex];
      let prediction: string;
      if (options.predict) {
        const features: Record<string, string> = {};
        inputColumns.forEach((name, c) => { features[name] = cells[c]; });
        prediction = options.predict(features);
      } else if (labelModel && label !== undefined) {
        prediction = predictFromLabel(labelModel, label, degrade.length ? qualityAt(baseQuality, degrade, time) : baseQuality, modelRng);
      } else {
        prediction = linearScore(cells);
      }
      if (biasEpisodes.length) prediction = applyBiasEpisodes(prediction, cells, biasEpisodes, time, biasRng);
      const outputJson = JSON.stringify(outputPayload(format, prediction, labelModel?.task === 'binary' ? 0.5 : undefined));

      const eventId = idRng.uuid();
      const inferenceId = options.inferenceIds ? String(result.captureRecords) : undefined;
      lines.push(captureLine(format, inputJson, outputJson, eventId, inferenceId, timeText));
      if (result.captureRecords === 0) result.firstInferenceTime = timeText;
      result.lastInferenceTime = timeText;
      result.captureRecords++;

      if (truthStore && labelModel && label !== undefined) {
        const arrival = time + labelDelay;
        const arrivalHour = Math.floor(arrival / HOUR_MS) * HOUR_MS;
        let file = truth.get(arrivalHour);
        if (!file) truth.set(arrivalHour, (file = { first: arrival, lines: [] }));
        file.lines.push(groundTruthLine(JSON.stringify(groundTruthValue(labelModel, label)), inferenceId ?? eventId));
        result.groundTruthRecords++;
      }
    }
  }
  await flush();
  await pipeline.drain();
  return result;
}
