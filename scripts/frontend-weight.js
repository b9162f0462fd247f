#!/usr/bin/env node
/*
 * Prints how much weight @mlmon/plugin-model-monitoring adds to the production frontend.
 *
 * Builds packages/app twice with the production bundler — once as configured (the app
 * discovers the plugin through `app.packages: all`) and once with the plugin excluded from
 * discovery (`app.packages.exclude`) — and compares the JavaScript and CSS in dist/static,
 * raw and gzipped. "Initial" counts the files index.html loads up front; the rest are
 * lazily loaded chunks (the plugin's cards, tab and page load on demand).
 *
 * Usage: yarn size:frontend            (about two production builds; minutes on 2 cores)
 * Any dist/ the app had before is restored afterwards.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');

const root = path.resolve(__dirname, '..');
const appDir = path.join(root, 'packages', 'app');
const distDir = path.join(appDir, 'dist');
const PLUGIN = '@mlmon/plugin-model-monitoring';
// Strings only the plugin's modules contain (API id, card and page texts), to find its chunks.
const OWN_MARKERS = [
  'plugin.model-monitoring.api',
  'Open the monitoring dashboard',
  'Feature drift over time',
  'Monitored models',
  'Endpoint KPIs',
  'QuickSight dashboard',
  'Monitoring coverage',
];

function build(extraConfig) {
  const args = ['workspace', 'app', 'build'];
  if (extraConfig) {
    args.push(
      '--config',
      path.join(root, 'app-config.yaml'),
      '--config',
      extraConfig,
    );
  }
  const started = Date.now();
  process.stderr.write(
    `building app ${extraConfig ? 'without' : 'with'} ${PLUGIN} ...\n`,
  );
  const result = spawnSync('yarn', args, {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (result.status !== 0) {
    process.stderr.write(result.stderr.toString());
    throw new Error(
      `yarn ${args.join(' ')} failed with exit code ${result.status}`,
    );
  }
  process.stderr.write(
    `  done in ${Math.round((Date.now() - started) / 1000)} s\n`,
  );
  return measure();
}

/** Sizes of every .js/.css file in dist/static, and which ones index.html loads. */
function measure() {
  const staticDir = path.join(distDir, 'static');
  const html = fs.readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const files = fs
    .readdirSync(staticDir)
    .filter(f => /\.(js|css)$/.test(f))
    .map(name => {
      const content = fs.readFileSync(path.join(staticDir, name));
      return {
        name,
        raw: content.length,
        gzip: zlib.gzipSync(content, { level: 9 }).length,
        initial: html.includes(`static/${name}`),
        ownCode: OWN_MARKERS.some(marker => content.includes(marker)),
      };
    });
  const sum = (list, key) => list.reduce((total, f) => total + f[key], 0);
  const initial = files.filter(f => f.initial);
  return {
    files,
    total: { raw: sum(files, 'raw'), gzip: sum(files, 'gzip') },
    initial: { raw: sum(initial, 'raw'), gzip: sum(initial, 'gzip') },
  };
}

const kb = bytes => `${(bytes / 1024).toFixed(1)} KB`;
const delta = bytes => `${bytes >= 0 ? '+' : '−'}${kb(Math.abs(bytes))}`;

function main() {
  const backup = fs.existsSync(distDir)
    ? fs.mkdtempSync(path.join(os.tmpdir(), 'app-dist-'))
    : undefined;
  if (backup) fs.cpSync(distDir, backup, { recursive: true });
  const excludeConfig = path.join(
    fs.mkdtempSync(path.join(os.tmpdir(), 'weight-')),
    'exclude.yaml',
  );
  fs.writeFileSync(
    excludeConfig,
    `app:\n  packages:\n    exclude:\n      - '${PLUGIN}'\n`,
  );
  try {
    const withPlugin = build();
    const withoutPlugin = build(excludeConfig);
    console.log(
      `Weight of ${PLUGIN} in the production frontend (packages/app, dist/static):`,
    );
    console.log('');
    console.log(
      '                      with plugin   without plugin   added by plugin',
    );
    for (const part of ['initial', 'total']) {
      for (const unit of ['raw', 'gzip']) {
        const a = withPlugin[part][unit];
        const b = withoutPlugin[part][unit];
        console.log(
          `${`${part} ${unit}`.padEnd(20)}  ${kb(a).padStart(11)}   ${kb(
            b,
          ).padStart(14)}   ${delta(a - b).padStart(15)}`,
        );
      }
    }
    console.log('');
    console.log(
      "Chunks holding the plugin's own code (found by its texts; recharts and other libraries it adds load in further lazy chunks):",
    );
    const own = withPlugin.files.filter(f => f.ownCode);
    for (const f of own.sort((x, y) => y.raw - x.raw)) {
      console.log(
        `  ${f.name.padEnd(40)} ${kb(f.raw).padStart(10)} raw ${kb(
          f.gzip,
        ).padStart(10)} gzip ${f.initial ? '(initial)' : '(lazy)'}`,
      );
    }
  } finally {
    fs.rmSync(distDir, { recursive: true, force: true });
    if (backup) {
      fs.cpSync(backup, distDir, { recursive: true });
      fs.rmSync(backup, { recursive: true, force: true });
    }
    fs.rmSync(path.dirname(excludeConfig), { recursive: true, force: true });
  }
}

main();
