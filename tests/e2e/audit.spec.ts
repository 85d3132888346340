import fs from 'node:fs';
import { expect, test } from './support/fixtures';
import { createOrganization, expectAccessible, openSection, unique } from './support/helpers';

test('an organization’s Activity lists its changes newest first, filters by action and actor, and exports with progress', async ({
  page,
}) => {
  const slug = unique('act-');
  await createOrganization(page, `Activity ${slug}`, slug);
  await openSection(page, 'Settings');
  const settings = page.getByRole('region', { name: 'Settings' });
  await settings.getByLabel('Organization name').fill(`Renamed ${slug}`);
  await settings.getByRole('button', { name: 'Rename' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Renamed ${slug}` })).toBeVisible();
  await page.getByRole('button', { name: 'Suspend organization…' }).click();
  await page
    .getByRole('dialog', { name: /Suspend/ })
    .getByRole('button', { name: 'Suspend' })
    .click();
  await expect(page.getByRole('button', { name: 'Reactivate organization' })).toBeVisible();
  await openSection(page, 'Overview');
  await expect(page.getByRole('region', { name: 'State' }).getByText('Needs attention', { exact: true })).toBeVisible();
  // The Overview shows the latest changes, newest first.
  await expect(page.getByRole('region', { name: 'Latest changes' }).getByRole('listitem').first()).toContainText(
    /State changed|Organization suspended/,
  );

  await openSection(page, 'Activity');
  await expect(page.getByRole('heading', { level: 2, name: 'Activity' })).toBeVisible();
  const rows = page.getByRole('table', { name: 'Audit events, newest first' }).getByRole('row');
  // The header, then: state changed and suspended (one transaction), renamed, created.
  await expect(rows).toHaveCount(5);
  await expect(rows.nth(4)).toContainText('Organization created');
  await expect(rows.nth(3)).toContainText('Organization renamed');
  await expect(rows.nth(3)).toContainText(`name: Activity ${slug} → Renamed ${slug}`);
  await expect(page.getByRole('table').getByText('state: Setup → Needs attention')).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('Action').selectOption({ label: 'Organization renamed' });
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/action=organization\.renamed/);
  await expect(rows).toHaveCount(2);
  await page.getByRole('link', { name: 'Clear filters' }).click();
  await page.getByLabel('Actor').fill('system');
  await page.getByLabel('Actor').press('Enter');
  await expect(page.getByRole('heading', { name: 'No events match these filters' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Clear filters' }).click();
  await expect(page).toHaveURL(/\/activity$/);
  await expect(rows).toHaveCount(5);

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'CSV' }).click();
  const file = await (await download).path();
  const csv = fs.readFileSync(file!, 'utf8').trim().split('\r\n');
  expect(csv[0]).toBe(
    'occurred_at,organization_id,action,actor_kind,actor_id,actor_email,target_type,target_id,target_label,summary,ip,request_id',
  );
  expect(csv).toHaveLength(5);
  expect(csv.some((line) => line.includes('organization.renamed'))).toBe(true);
  await expect(page.getByRole('status').filter({ hasText: 'Exported 4 events' })).toBeVisible();

  const jsonl = await page.request.get(`/organizations/${slug}/activity/export?format=jsonl&action=organization.created`);
  expect(jsonl.headers()['x-total-count']).toBe('1');
  const lines = (await jsonl.text())
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  expect(lines).toEqual([expect.objectContaining({ action: 'organization.created', target_label: slug })]);
});

test('the console-wide audit log keeps a deleted organization’s events', async ({ page }) => {
  const slug = unique('gone-');
  await createOrganization(page, `Gone ${slug}`, slug);
  await openSection(page, 'Settings');
  await page.getByRole('button', { name: 'Delete organization…' }).click();
  const dialog = page.getByRole('dialog', { name: /Delete/ });
  await dialog.getByLabel('Slug to confirm').fill(slug);
  await dialog.getByRole('button', { name: 'Delete organization' }).click();
  await expect(page).toHaveURL(/\/organizations\?deleted=/);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  const deleted = page.getByRole('row').filter({ hasText: 'Organization deleted' }).filter({ hasText: slug });
  await expect(deleted).toBeVisible();
  await expect(deleted).toContainText('Deleted organization');
  await expectAccessible(page);
});
