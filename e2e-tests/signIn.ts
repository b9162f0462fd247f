import { expect, type Page } from '@playwright/test';

/**
 * Opens `path` in the portal as the guest user of the embedded default. The sign-in page
 * renders in place of any route, so after "Enter" the app shows `path` itself. The first load
 * of the development server can take a minute while it compiles, hence the generous wait.
 */
export async function openAsGuest(page: Page, path: string): Promise<void> {
  await page.goto(path);
  const enter = page.getByRole('button', { name: 'Enter' });
  const sidebar = page.getByRole('link', { name: 'Catalog', exact: true }).first();
  await enter.or(sidebar).first().waitFor({ timeout: 150_000 });
  if (await enter.isVisible()) {
    await enter.click();
  }
  await sidebar.waitFor({ timeout: 60_000 });
}

/**
 * Opens an entity page as the guest. Right after the portal starts, the catalog may not have
 * ingested the demo entities yet ("Entity not found"), so this reloads until the page shows the
 * entity (its Overview tab).
 */
export async function openEntityAsGuest(page: Page, path: string): Promise<void> {
  await openAsGuest(page, path);
  const overview = page
    .getByRole('link', { name: 'Overview', exact: true })
    .or(page.getByRole('tab', { name: 'Overview', exact: true }))
    .first();
  await expect(async () => {
    if (!(await overview.isVisible())) {
      await page.reload();
    }
    await expect(overview).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 180_000, intervals: [5_000] });
}
