import { expect, test } from '@playwright/test';
import { openEntityAsGuest } from './signIn';

test('a demo model page shows the model-monitoring card', async ({ page }) => {
  await openEntityAsGuest(page, '/catalog/default/component/housing-price-regressor');

  const card = page
    .locator('article, .MuiCard-root')
    .filter({ hasText: 'Model monitoring' });
  await expect(card.first()).toBeVisible();
  await expect(card.first()).toContainText(
    'housing-price-regressor-data-quality',
  );
  await expect(card.first()).toContainText('risk Medium');
  await card.first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'screenshots/entity-page.png' });
});

test('an entity without the annotation shows no monitoring card', async ({
  page,
}) => {
  await openEntityAsGuest(page, '/catalog/default/component/model-monitoring-portal');
  await expect(page.getByText('This Backstage portal').first()).toBeVisible();
  // Scoped to the page body: the sidebar has a "Model monitoring" item on every page.
  await expect(
    page.locator('main').getByText('Model monitoring', { exact: true }),
  ).toHaveCount(0);
  // No Monitoring tab either (a link in the new frontend system, a tab in the legacy one).
  await expect(page.getByRole('tab', { name: 'Monitoring', exact: true })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Monitoring', exact: true })).toHaveCount(0);
});
