import { expect, test } from './support/fixtures';
import { createOrganization, expectAccessible, openSection, unique } from './support/helpers';

test('a bounced invitation email is a dead job on the Background jobs page, and a retry is queued and recorded', async ({ page }) => {
  const slug = unique('jobs-');
  await createOrganization(page, `Jobs ${slug}`, slug);
  const to = `bounce-${slug}@mail.example`;
  await openSection(page, 'Invitations');
  await page.getByLabel('Email addresses').fill(to);
  await page.getByRole('button', { name: 'Review addresses' }).click();
  await expect(page.getByRole('heading', { name: 'Review before sending' })).toBeVisible();
  await page.getByRole('button', { name: 'Send invitations' }).click();
  await expect(page.getByText(`Invitation queued for ${to}.`)).toBeVisible();
  // The mail server refuses the address: the organization needs attention, naming it.
  await openSection(page, 'Overview');
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole('region', { name: 'State' }).getByText(`The invitation email to ${to}`)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Background jobs' })).toBeVisible();
  await expect(page.getByRole('link', { name: /^Dead/ })).toHaveAttribute('aria-current', 'page');
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: slug, exact: true }) });
  await expect(row).toContainText('email.invitation');
  await expect(row).toContainText('refused');
  await expectAccessible(page);

  await row.getByRole('button', { name: 'Retry email.invitation job' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The email.invitation job is queued again with fresh attempts' })).toBeVisible();
  await expect(page.getByRole('link', { name: /^Queued/ })).toHaveAttribute('aria-current', 'page');
  await page.goto(`/organizations/${slug}/activity?action=job.retried`);
  await expect(page.getByRole('row').filter({ hasText: 'Background job retried' })).toBeVisible();
});
