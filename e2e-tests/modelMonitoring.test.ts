import { expect, Page, test } from '@playwright/test';
import { openAsGuest, openEntityAsGuest } from './signIn';

/*
 * The overview, a drifting model's page and its Monitoring tab, against the demo entities in
 * examples/entities.yaml: housing-price-regressor drifts in median_income, income-classifier
 * degrades, housing-occupancy-model is healthy. Screenshots go to screenshots/, in the light
 * and the dark theme (the app reads the theme from localStorage key 'theme').
 */

const themes = ['light', 'dark'] as const;

async function useTheme(page: Page, theme: (typeof themes)[number]) {
  await page.addInitScript(
    value => window.localStorage.setItem('theme', value),
    theme,
  );
}

for (const theme of themes) {
  test.describe(`model monitoring (${theme})`, () => {
    test.beforeEach(async ({ page }) => useTheme(page, theme));

    test('the overview lists every demo model with its status', async ({
      page,
    }) => {
      await openAsGuest(page, '/model-monitoring');
      const main = page.locator('main');
      await expect(
        main.getByRole('heading', { name: 'Model monitoring' }).first(),
      ).toBeVisible();
      for (const title of [
        'Housing price regressor',
        'Income classifier',
        'Housing occupancy model',
      ]) {
        await expect(main.getByRole('link', { name: title })).toBeVisible();
      }
      await expect(main.getByText(/\d+ models/)).toBeVisible();
      // The healthy model reads OK; the drifting one does not.
      const healthy = main
        .getByRole('row')
        .filter({ hasText: 'Housing occupancy model' });
      await expect(healthy).toContainText('OK');
      const drifting = main
        .getByRole('row')
        .filter({ hasText: 'Housing price regressor' });
      await expect(drifting).not.toContainText(/\bOK\b/);
      await page.screenshot({
        path: `screenshots/overview-${theme}.png`,
        fullPage: true,
      });

      await main.getByRole('link', { name: 'Housing price regressor' }).click();
      await expect(page).toHaveURL(
        /\/catalog\/default\/component\/housing-price-regressor/,
      );
    });

    test('a drifting model shows its violation and the Monitoring tab draws the drift', async ({
      page,
    }) => {
      await openEntityAsGuest(
        page,
        '/catalog/default/component/housing-price-regressor',
      );
      const card = page
        .locator('article, .MuiCard-root')
        .filter({ hasText: 'Model monitoring' });
      // At first start the demo's history is still being monitored (newest windows first);
      // reload until the drift episode's violation has been recorded.
      await expect(async () => {
        await page.reload();
        await expect(card.first()).toContainText('median_income', { timeout: 15_000 });
      }).toPass({ timeout: 240_000, intervals: [10_000] });
      await expect(card.first()).toContainText('Violations found');
      // Drift contributors rank the drifted feature on the status card.
      await expect(card.first()).toContainText('Features to look at first');
      await page.screenshot({
        path: `screenshots/entity-page-${theme}.png`,
        fullPage: true,
      });

      // The entity page's tabs are links in the new frontend system, tabs in the legacy one.
      await page
        .getByRole('tab', { name: 'Monitoring', exact: true })
        .or(page.getByRole('link', { name: 'Monitoring', exact: true }))
        .first()
        .click();
      await expect(page).toHaveURL(/housing-price-regressor\/monitoring/);
      const drift = page.getByRole('img', {
        name: /Drift distance over time of .*median_income/,
      });
      await expect(drift).toBeVisible();
      await expect(drift.locator('.recharts-line-curve').first()).toBeVisible();
      await expect(drift.getByText(/threshold/).first()).toBeVisible();
      // The most drifted feature's distribution opens by itself.
      await expect(
        page.getByText('Distribution of median_income'),
      ).toBeVisible();
      await expect(
        page.getByRole('cell', { name: 'median_income' }).first(),
      ).toBeVisible();
      // The owner's alert for the drift is open and can be acknowledged (or was, by the other theme's run).
      const alerts = page.getByRole('table', { name: 'Alert states' });
      await expect(
        alerts.getByRole('row').filter({ hasText: 'housing-price-regressor-data-quality-violations' }),
      ).toContainText('In alert');
      await expect(page.getByRole('button', { name: 'Run now' })).toBeVisible();
      await page.screenshot({
        path: `screenshots/monitoring-tab-${theme}.png`,
        fullPage: true,
      });
    });
  });
}

test('the degrading classifier shows its model-quality metric', async ({
  page,
}) => {
  await openEntityAsGuest(page, '/catalog/default/component/income-classifier');
  // The card whose title is "Model quality" (the status card also lists a model-quality monitor).
  const card = page.locator('.MuiCard-root').filter({ hasText: /^Model quality/ });
  await expect(async () => {
    await page.reload();
    await expect(card.first()).toContainText(/auc|AUC/, { timeout: 15_000 });
  }).toPass({ timeout: 240_000, intervals: [10_000] });
});

test('the income classifier shows bias drift per facet and the feature ranking against the baseline', async ({
  page,
}) => {
  await openEntityAsGuest(page, '/catalog/default/component/income-classifier');
  const status = page
    .locator('article, .MuiCard-root')
    .filter({ hasText: 'Model monitoring' });
  await expect(status.first()).toContainText('Bias drift', { timeout: 60_000 });
  await expect(status.first()).toContainText('Feature attribution');
  await page
    .getByRole('tab', { name: 'Monitoring', exact: true })
    .or(page.getByRole('link', { name: 'Monitoring', exact: true }))
    .first()
    .click();
  await expect(page).toHaveURL(/income-classifier\/monitoring/);
  // The demo's Clarify windows are computed after the first start; reload until they are there.
  const bias = page.getByRole('img', {
    name: /^Disparate Impact \(DI\) over time/,
  });
  await expect(async () => {
    await page.reload();
    await expect(bias).toBeVisible({ timeout: 15_000 });
  }).toPass({ timeout: 240_000, intervals: [10_000] });
  await expect(
    page.getByText(/^sex = Female, positive label income = /).first(),
  ).toBeVisible();
  await expect(bias.locator('.recharts-reference-area-rect')).toHaveCount(1);
  await expect(
    page.getByRole('cell', { name: 'Disparate Impact (DI)' }),
  ).toBeVisible();
  const ndcg = page.getByRole('img', { name: /^NDCG over time/ });
  await expect(ndcg).toBeVisible();
  await expect(ndcg.getByText(/threshold/).first()).toBeVisible();
  await expect(
    page.getByText(/^NDCG \d\.\d+ (<|≥) \d\.\d+ threshold/),
  ).toBeVisible();
  // The demo's episode shifts hr_per_week: it leads the attribution ranking now.
  const attribution = page
    .locator('.MuiCard-root')
    .filter({ hasText: 'Feature attribution drift' })
    .last();
  await expect(
    attribution.getByRole('cell', { name: 'hr_per_week', exact: true }),
  ).toBeVisible();
  await attribution.scrollIntoViewIfNeeded();
  await page.screenshot({
    path: 'screenshots/monitoring-tab-clarify-light.png',
    fullPage: true,
  });
});
