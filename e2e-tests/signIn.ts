import type { Page } from '@playwright/test';

/** Signs in as the guest user of the embedded default. */
export async function signInAsGuest(page: Page): Promise<void> {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await enter.waitFor({ timeout: 60_000 });
  await enter.click();
  await page.getByRole('link', { name: 'Catalog', exact: true }).first().waitFor();
}
