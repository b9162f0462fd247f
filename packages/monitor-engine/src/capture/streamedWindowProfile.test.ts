import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDbEngine } from '../sql/DuckDbEngine';
import { loadBaselineDir } from '../dataQuality/loadBaseline';
import {
  readWindowProfile,
  streamedBaselineOf,
} from '../dataQuality/readWindowProfile';
import type { DataQualityBaseline } from '../dataQuality/loadBaseline';
import { localCaptureFiles } from './localCaptureFiles';
import type { CaptureFile } from './captureWindowTable';
import { profileStreamedWindow } from './streamedWindowProfile';
import { SketchDistribution } from '../baseline/kllSketch';
import {
  WINDOW,
  captureLine,
  records,
  suggestFixtureBaseline,
  windowStore,
} from '../testing/captureWindowFixtures';

/**
 * The streamed profile of a window read from a sample of its numbers: counts, types, bounds
 * and categories stay exact; sums up to rounding; the buckets and sketch estimate the general
 * path's exact ones. (Its results on whole-column samples are compared with the general path's
 * in dataQuality/onePassWindow.test.ts.)
 */
describe('the streamed profile of a capture window', () => {
  let engine: DuckDbEngine;
  let dir: string;
  let dataQualityBaseline: DataQualityBaseline;

  beforeAll(async () => {
    engine = await DuckDbEngine.create({ memoryLimit: '512MB' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dq-streamed-'));
    dataQualityBaseline = await loadBaselineDir(
      await suggestFixtureBaseline(engine, dir),
    );
  });
  afterAll(async () => {
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function windowFiles(name: string, lines: string[]) {
    const local = await localCaptureFiles(
      windowStore(path.join(dir, name), lines),
      { endpoint: 'housing', ...WINDOW },
    );
    return local.files;
  }

  /** Expects the streamed read to give the window up; returns how the window was read. */
  async function givenUp(files: CaptureFile[]) {
    const baseline = streamedBaselineOf(dataQualityBaseline);
    expect(
      await profileStreamedWindow(engine, files, WINDOW, baseline),
    ).toBeUndefined();
    return readWindowProfile(engine, files, WINDOW, dataQualityBaseline);
  }

  it('estimates the buckets and sketch from a sample, keeping every count exact', async () => {
    const files = await windowFiles(
      'sampled',
      records(12000, 11).map((r, n) => captureLine(r, n)),
    );
    const streamed = await profileStreamedWindow(
      engine,
      files,
      WINDOW,
      streamedBaselineOf(dataQualityBaseline),
      2000,
    );
    const general = await readWindowProfile(
      engine,
      files,
      WINDOW,
      dataQualityBaseline,
      'general',
    );
    expect(streamed).toBeDefined();
    const [got, want] = [streamed!.profile, general.profile!];
    expect(got.typeCounts).toEqual(want.typeCounts);
    expect(streamed!.domainShares).toEqual(general.domainShares);
    for (const [k, feature] of want.statistics.features.entries()) {
      const mine = got.statistics.features[k];
      expect(mine.name).toBe(feature.name);
      expect(mine.inferred_type).toBe(feature.inferred_type);
      expect(mine.string_statistics).toEqual(feature.string_statistics);
      if (!feature.numerical_statistics) continue;
      const [a, b] = [mine.numerical_statistics!, feature.numerical_statistics];
      expect(a.common).toEqual(b.common);
      expect([a.min, a.max]).toEqual([b.min, b.max]);
      // The same doubles added in another order.
      const relative = (x: number, y: number) =>
        Math.abs(x - y) / Math.max(Math.abs(y), 1e-300);
      expect(relative(a.sum, b.sum)).toBeLessThan(1e-12);
      expect(relative(a.std_dev, b.std_dev)).toBeLessThan(1e-12);
      const present = b.common.num_present;
      const [bucketsA, bucketsB] = [a, b].map(s => s.distribution!.kll.buckets);
      expect(bucketsA.map(x => [x.lower_bound, x.upper_bound])).toEqual(
        bucketsB.map(x => [x.lower_bound, x.upper_bound]),
      );
      // Scaled to the column's count, each bucket within 5% of the count of the exact one.
      expect(bucketsA.reduce((s, x) => s + x.count, 0)).toBe(present);
      bucketsA.forEach((x, i) =>
        expect(Math.abs(x.count - bucketsB[i].count)).toBeLessThan(
          0.05 * present,
        ),
      );
      // The sketches carry the same total weight and nearly the same distribution.
      const [sa, sb] = [a, b].map(
        s => new SketchDistribution(s.distribution!.kll.sketch),
      );
      expect(sa.totalWeight).toBe(sb.totalWeight);
      expect(sa.cdfDistance(sb)).toBeLessThan(0.05);
    }
  });

  it('gives up on a text column that holds only numbers in the window', async () => {
    const rows = records(3000, 12).map(r => {
      const copy = [...r];
      copy[3] = String(r[1]); // the ocean column, a baseline text, gets numbers only
      return copy;
    });
    const files = await windowFiles(
      'numbers-in-text',
      rows.map((r, n) => captureLine(r, n)),
    );
    const general = await givenUp(files);
    expect(general.readPath).not.toBe('streamed');
    expect(
      general.profile?.statistics.features.find(f => f.name === 'ocean')
        ?.inferred_type,
    ).toBe('Integral');
  });

  it('gives up on a text column the baseline shows with many values (counted by value in memory)', async () => {
    const files = await windowFiles(
      'many-values',
      records(3000, 14).map((r, n) => captureLine(r, n)),
    );
    const manyOceans: DataQualityBaseline = {
      ...dataQualityBaseline,
      statistics: {
        ...dataQualityBaseline.statistics!,
        features: dataQualityBaseline.statistics!.features.map(f =>
          f.name === 'ocean'
            ? {
                ...f,
                string_statistics: {
                  common: f.string_statistics!.common,
                  distinct_count: 5000,
                },
              }
            : f,
        ),
      },
    };
    expect(
      await profileStreamedWindow(
        engine,
        files,
        WINDOW,
        streamedBaselineOf(manyOceans),
      ),
    ).toBeUndefined();
    expect(
      await profileStreamedWindow(
        engine,
        files,
        WINDOW,
        streamedBaselineOf(dataQualityBaseline),
      ),
    ).toBeDefined();
  });

  it('gives up on a quote in the last text column, which a typical request leaves out of its match', async () => {
    const rows = records(3000, 16);
    rows[9][5] = 'tr"ue'; // flag, a text of known values after the last number
    const files = await windowFiles(
      'quoted-flag',
      rows.map((r, n) => captureLine(r, n)),
    );
    const general = await givenUp(files);
    expect(general.readPath).not.toBe('streamed');
  });

  it('gives up on requests of another shape and leaves them to the general report', async () => {
    const lines = records(3000, 13).map((r, n) => captureLine(r, n));
    lines[7] = captureLine(records(1, 13)[0], 7, '1,2,3');
    const files = await windowFiles('short', lines);
    const general = await givenUp(files);
    expect(general.readPath).toBe('general');
    expect(general.report.wrongColumnCount).toBe(1);
  });
});
