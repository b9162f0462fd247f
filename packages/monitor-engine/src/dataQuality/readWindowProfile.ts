import type { SqlEngine } from '../sql/SqlEngine';
import type { DataQualityBaseline } from './loadBaseline';
import { ProfileResult, profileTable } from '../baseline/columnProfiler';
import {
  CaptureFile,
  CaptureScanReport,
  scanCaptureFiles,
} from '../capture/captureWindowTable';
import { createRegularWindowTable } from '../capture/regularWindowTable';
import {
  StreamedWindowBaseline,
  profileStreamedWindow,
} from '../capture/streamedWindowProfile';
import { WindowColumns, createWindowTable } from './windowColumns';
import { domainShares } from './domainShares';

/**
 * How a window was read, fastest first:
 *  - 'streamed': every request of the common shape, profiled while the files are read once,
 *    nothing stored (capture/streamedWindowProfile.ts);
 *  - 'one-pass': the same shape, read once into a compressed wide table, then profiled
 *    (capture/regularWindowTable.ts): what the streamed read leaves, such as small windows
 *    whose sketches keep values in input order;
 *  - 'general': any window, every problem counted and described (capture/captureWindowTable.ts).
 */
export type WindowReadPath = 'streamed' | 'one-pass' | 'general';

export interface WindowProfile {
  readPath: WindowReadPath;
  report: CaptureScanReport;
  /** Undefined when the window has no usable record. */
  profile?: ProfileResult;
  names?: readonly string[];
  domainShares?: Map<string, number>;
}

/** What the streamed read needs of a baseline. */
export function streamedBaselineOf(
  baseline: DataQualityBaseline,
): StreamedWindowBaseline {
  const { features } = baseline.constraints;
  return {
    names: features.map(f => f.name),
    types: new Map(features.map(f => [f.name, f.inferred_type])),
    domains: new Map(
      features.flatMap(f =>
        f.string_constraints?.domains?.length
          ? [[f.name, f.string_constraints.domains] as const]
          : [],
      ),
    ),
    categorical: new Map(
      (baseline.statistics?.features ?? []).flatMap(f => {
        const buckets = f.string_statistics?.distribution?.categorical?.buckets;
        return buckets ? [[f.name, buckets.map(b => String(b.value))] as const] : [];
      }),
    ),
  };
}

/**
 * Profiles the window of captured data against the baseline's columns by the fastest path that
 * can read it (`from` skips the faster ones, to compare them).
 */
export async function readWindowProfile(
  engine: SqlEngine,
  files: readonly CaptureFile[],
  window: { start: Date; end: Date },
  baseline: DataQualityBaseline,
  from: WindowReadPath = 'streamed',
): Promise<WindowProfile> {
  const { constraints } = baseline;
  const names = constraints.features.map(f => f.name);
  const streamedBaseline = streamedBaselineOf(baseline);
  if (from === 'streamed') {
    const streamed = await profileStreamedWindow(
      engine,
      files,
      window,
      streamedBaseline,
    );
    if (streamed) return { readPath: 'streamed', ...streamed };
  }
  const regular =
    from === 'general'
      ? undefined
      : await createRegularWindowTable(
          engine,
          files,
          window,
          names,
          new Set(streamedBaseline.domains.keys()),
        );
  let table: Pick<WindowColumns, 'table' | 'release'> | undefined = regular;
  let report = regular?.report;
  if (!regular) {
    const scan = await scanCaptureFiles(engine, files, window);
    report = scan.report;
    if (report.records === 0) return { readPath: 'general', report };
    table = await createWindowTable(engine, scan, names);
  }
  try {
    return {
      readPath: regular ? 'one-pass' : 'general',
      report: report!,
      profile: await profileTable(engine, table!.table),
      names: table!.table.names,
      domainShares: await domainShares(engine, table!.table, constraints),
    };
  } finally {
    await table!.release();
  }
}
