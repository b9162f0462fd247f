import { defineConfig } from '@playwright/test';

/*
 * Browser tests against the running portal, driven in Debian's Chromium (browsers downloaded
 * by Playwright itself are not reachable from every machine this runs on). `./run test` starts
 * the portal first; locally, an already running `./run start` is reused.
 */
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  testDir: 'e2e-tests',
  timeout: 420_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: [['list']],
  outputDir: 'node_modules/.cache/e2e-test-results',
  webServer: {
    command: 'yarn start',
    // The app's dev server answers last (the backend is up well before its bundle is built).
    url: 'http://localhost:3000',
    reuseExistingServer: true,
    timeout: 300_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
  use: {
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: chromiumArgs,
    },
    viewport: { width: 1440, height: 960 },
    screenshot: 'only-on-failure',
  },
});
