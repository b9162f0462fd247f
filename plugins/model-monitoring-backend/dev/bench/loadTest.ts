import http from 'node:http';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

/** Latency figures of one route under load. */
export interface LoadResult {
  route: string;
  requests: number;
  failures: number;
  /** Up to five distinct failure reasons (status code or socket error), to tell causes apart. */
  failureReasons: string[];
  p50: number;
  p95: number;
  p99: number;
  requestsPerSecond: number;
  /** Filled in by the benchmark: the server's event-loop busy time per request. */
  serverBusyMsPerRequest?: number;
}

/** One load run: `total` GET requests of `path` from `concurrency` keep-alive clients. */
export interface LoadOptions {
  port: number;
  route: string;
  /** Paths used round-robin: distinct paths defeat response caches (cold figures). */
  paths: string[];
  /** Authorization headers, used round-robin: several callers exercise per-caller caches. */
  authorizations: string[];
  concurrency: number;
  total: number;
  /** A request taking longer than this is aborted and counted as a failure. */
  timeoutMs: number;
}

const WORKER_MARK = 'mlmon-bench-load';

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function get(agent: http.Agent, options: LoadOptions, path: string, authorization: string): Promise<string> {
  return new Promise(resolve => {
    const req = http.get(
      { host: '127.0.0.1', port: options.port, path, agent, headers: { authorization }, timeout: options.timeoutMs },
      res => {
        res.resume();
        res.on('end', () => resolve(String(res.statusCode)));
        res.on('error', error => resolve(`response error: ${error.message}`));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    req.on('error', error => resolve(`request error: ${(error as NodeJS.ErrnoException).code ?? error.message}`));
  });
}

/** The load loop itself; runs inside the worker thread so it never shares the server's event loop. */
async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const latencies: number[] = [];
  const reasons = new Map<string, number>();
  let failures = 0;
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (next < options.total) {
        const authorization = options.authorizations[next % options.authorizations.length];
        const path = options.paths[next % options.paths.length];
        next++;
        const t0 = process.hrtime.bigint();
        const status = await get(agent, options, path, authorization);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (status !== '200') {
          failures++;
          reasons.set(status, (reasons.get(status) ?? 0) + 1);
        }
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    route: options.route,
    requests: latencies.length,
    failures,
    failureReasons: [...reasons.entries()].slice(0, 5).map(([reason, n]) => `${n}× ${reason}`),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    requestsPerSecond: latencies.length / seconds,
  };
}

/**
 * Loads one route from a worker thread: the clients have their own event loop, so their
 * bookkeeping neither slows the server down nor is delayed by it (which would inflate latencies
 * and let keep-alive sockets expire between a response and the next request).
 */
export function loadRoute(options: LoadOptions): Promise<LoadResult> {
  const transform = require.resolve('@backstage/cli/config/nodeTransform.cjs');
  const code = `require(${JSON.stringify(transform)}); require(${JSON.stringify(__filename)});`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: { mark: WORKER_MARK, options } });
    worker.once('message', (result: LoadResult) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', exitCode => reject(new Error(`load worker exited with code ${exitCode} before answering`)));
  });
}

if (!isMainThread && (workerData as { mark?: string } | undefined)?.mark === WORKER_MARK) {
  runLoad((workerData as { options: LoadOptions }).options).then(
    result => parentPort!.postMessage(result),
    error => {
      throw error;
    },
  );
}
