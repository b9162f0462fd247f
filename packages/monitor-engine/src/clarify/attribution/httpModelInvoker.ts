import { FeatureRow, ModelInvoker } from './explainer';

/**
 * A model behind an HTTP endpoint (a local model server, or any inference service speaking
 * SageMaker's content types), as a {@link ModelInvoker}.
 *
 * Requests: `text/csv` sends one line per row; `application/json` sends
 * `{"instances": [{"features": [...]}, ...]}` (the layout of SageMaker's JSON examples).
 * Responses: CSV = one number per line (or one line of comma-separated numbers); JSON = an array
 * of numbers, of objects, or an object with a `predictions` array. With objects, the score is
 * read from `probabilityAttribute` (default "score"), like Clarify's ProbabilityAttribute.
 */
export interface HttpModelInvokerOptions {
  url: string;
  contentType: 'text/csv' | 'application/json';
  probabilityAttribute?: string;
  headers?: Record<string, string>;
  /** Abort a call after this many milliseconds (default 60 s). */
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

export function httpModelInvoker(options: HttpModelInvokerOptions): ModelInvoker {
  const doFetch = options.fetchImpl ?? fetch;
  return async (rows: readonly FeatureRow[]) => {
    const body =
      options.contentType === 'text/csv'
        ? rows.map(row => row.map(csvCell).join(',')).join('\n')
        : JSON.stringify({ instances: rows.map(row => ({ features: row })) });
    const response = await doFetch(options.url, {
      method: 'POST',
      headers: { 'content-type': options.contentType, accept: options.contentType, ...options.headers },
      body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`Model endpoint ${options.url} answered ${response.status}: ${text.slice(0, 200)}`);
    }
    const predictions = /json/i.test(response.headers.get('content-type') ?? options.contentType)
      ? predictionsFromJson(text, options)
      : predictionsFromCsv(text, options.url);
    if (predictions.length !== rows.length) {
      throw new Error(`Model endpoint ${options.url} returned ${predictions.length} predictions for ${rows.length} rows`);
    }
    return predictions;
  };
}

function csvCell(value: FeatureRow[number]): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function predictionsFromCsv(text: string, url: string): number[] {
  const lines = text.trim().split(/\r?\n/);
  const cells = lines.length === 1 ? lines[0].split(',') : lines.map(line => line.split(',')[0]);
  return cells.map((cell, i) => {
    const n = Number(cell.trim());
    if (cell.trim() === '' || !Number.isFinite(n)) {
      throw new Error(`Model endpoint ${url}: prediction ${i + 1} is not a number (${JSON.stringify(cell)})`);
    }
    return n;
  });
}

/** The predictions of a JSON response: a bare array, or the array under "predictions". */
function predictionList(json: unknown): unknown[] | undefined {
  if (Array.isArray(json)) return json;
  if (json && typeof json === 'object' && Array.isArray((json as { predictions?: unknown }).predictions)) {
    return (json as { predictions: unknown[] }).predictions;
  }
  return undefined;
}

function predictionsFromJson(text: string, options: HttpModelInvokerOptions): number[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`Model endpoint ${options.url}: response is not JSON: ${text.slice(0, 200)}`);
  }
  const list = predictionList(json);
  if (!list) throw new Error(`Model endpoint ${options.url}: expected an array or {"predictions": [...]}`);
  const attribute = options.probabilityAttribute ?? 'score';
  return list.map((item, i) => {
    const value = item && typeof item === 'object' ? (item as Record<string, unknown>)[attribute] : item;
    const n = typeof value === 'number' ? value : Number(value);
    if (value === null || value === undefined || !Number.isFinite(n)) {
      throw new Error(`Model endpoint ${options.url}: prediction ${i + 1} has no numeric "${attribute}"`);
    }
    return n;
  });
}
