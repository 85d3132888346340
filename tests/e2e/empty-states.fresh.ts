import { expect, test } from './support/fixtures';
import { expectAccessible } from './support/helpers';

// Runs before every other journey, on an empty database (npm start never seeds).
test('each chip has its own empty state with the next step', async ({ page }) => {
  const chips = [
    ['All', 'No organizations yet', 'Create Organization'],
    ['Needs action', 'Nothing needs action', 'See Waiting organizations'],
    ['Waiting', 'No organization is waiting on an invitation', 'See organizations that need action'],
    ['Ready', 'No organization is ready for first end users', 'See Waiting organizations'],
    ['Live', 'No organization has end-user activity yet', 'See Ready organizations'],
  ] as const;
  await page.goto('/organizations');
  for (const [chip, title, next] of chips) {
    await page
      .getByRole('navigation', { name: 'Filter organizations by state' })
      .getByRole('link', { name: new RegExp(`^${chip}`) })
      .click();
    await expect(page.getByRole('heading', { name: title })).toBeVisible();
    await expect(page.getByRole('main').getByRole('link', { name: next }).last()).toBeVisible();
    await expect(page.getByRole('link', { name: new RegExp(`^${chip}`) })).toContainText('0');
    await expectAccessible(page);
  }
});
