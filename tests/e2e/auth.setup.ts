import { test as setup } from '@playwright/test';
import { signInByEmail } from './support/helpers';

setup('builder signs in once for the journeys', async ({ page }) => {
  await signInByEmail(page, 'builder@e2e.test');
  await page.context().storageState({ path: '.data/e2e-auth/builder.json' });
});
