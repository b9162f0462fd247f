import type { Page } from '@playwright/test';

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
