import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openAsGuest } from './signIn';

/*
 * Self-service onboarding in the running portal: a new model goes through the "Monitor a model
 * with the built-in engine" template, appears in the catalog (from the onboarded-model entity
 * provider, no Git host), gets its first execution from the backend's scheduler and shows its
 * status on its entity page.
 */
const ROOT = path.resolve(__dirname, '..');
// The embedded default's data root (modelMonitoring.builtin.dataRoot, relative to packages/backend).
const DATA_ROOT = path.join(ROOT, 'packages/backend/.mlmon-data');
const NAME = `e2e-model-${Date.now().toString(36)}`;
const HOUR_MS = 3_600_000;

test.afterAll(() => {
  // The provider drops the entity once its record is gone; the next portal start forgets the rest.
  fs.rmSync(path.join(DATA_ROOT, 'onboarding/models', `${NAME}.json`), { force: true });
  fs.rmSync(path.join(DATA_ROOT, 'baselines', NAME), { recursive: true, force: true });
  fs.rmSync(path.join(DATA_ROOT, 'capture', NAME), { recursive: true, force: true });
  fs.rmSync(path.join(DATA_ROOT, 'reports', NAME), { recursive: true, force: true });
});

test('onboards a model through the built-in template and shows its first execution', async ({ page }) => {
  test.setTimeout(480_000);
  // The endpoint's traffic of the last full hour, as the model's endpoint would capture it.
  const lastHour = new Date(Math.floor(Date.now() / HOUR_MS) * HOUR_MS - HOUR_MS);
  execFileSync(
    'node',
    [
      'packages/monitor-engine/bin/mlmon', 'simulate',
      '--dataset', 'demo/data/california_housing_4000.csv',
      '--endpoint', NAME,
      '--output', path.join(DATA_ROOT, 'capture'),
      '--start', lastHour.toISOString(),
      '--hours', '2',
      '--rate', '120',
      '--label', 'median_house_value',
    ],
    { cwd: ROOT, stdio: 'pipe' },
  );

  await openAsGuest(page, '/create');
  const card = page
    .locator('article, .MuiCard-root')
    .filter({ hasText: 'Monitor a model with the built-in engine' })
    // Not a container that holds the other template's card as well.
    .filter({ hasNotText: 'Monitor a SageMaker endpoint' })
    .first();
  await expect(card).toBeVisible({ timeout: 60_000 });
  await card.getByRole('button', { name: 'Choose' }).click();

  await page.getByRole('textbox', { name: 'Name' }).fill(NAME);
  await page.getByRole('textbox', { name: 'Title' }).fill('E2E onboarded model');
  await page.getByRole('button', { name: 'Next' }).click();
  // Baseline step: the demo's housing data set and the label column are the defaults.
  await expect(page.getByRole('textbox', { name: 'Training data set' })).toHaveValue(
    '../../demo/data/california_housing_4000.csv',
  );
  // The optional pages (model quality; fairness and explainability) keep their defaults: off.
  const review = page.getByRole('button', { name: 'Review' });
  for (const optional of ['Model quality (optional)', 'Fairness and explainability (optional)']) {
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByText(optional).first()).toBeVisible();
  }
  await review.click();
  await page.getByRole('button', { name: 'Create' }).click();

  const open = page.getByRole('link', { name: 'Open the model in the catalog' });
  await expect(open).toBeVisible({ timeout: 180_000 });
  await page.screenshot({ path: 'screenshots/onboarding-task.png' });
  await open.click();

  await expect(page.getByText('E2E onboarded model').first()).toBeVisible();
  const status = page.locator('article, .MuiCard-root').filter({ hasText: 'Model monitoring' }).first();
  await expect(status).toContainText(`${NAME}-data-quality`);
  // The scheduler runs due windows every minute (frequencyMinutes: 1): wait for the first one.
  await expect(async () => {
    await page.reload();
    await expect(status).toContainText('Last window ended', { timeout: 10_000 });
  }).toPass({ timeout: 240_000, intervals: [5_000] });
  await status.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'screenshots/onboarded-model.png' });
});
