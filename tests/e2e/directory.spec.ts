import fs from 'node:fs';
import newman from 'newman';
import { expect, test } from './support/fixtures';
import { createOrganization, expectAccessible, openSection, unique } from './support/helpers';

const APP = `http://127.0.0.1:${process.env.E2E_APP_PORT}`;
const SCIM_JSON = 'application/scim+json';

/** A SCIM client, as an identity provider is: plain HTTP with the directory's bearer token. */
function scim(baseUrl: string, token: string) {
  return async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': SCIM_JSON } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
}

/** A member row's Role cell (Email, Role, Status, …). */
const roleCell = (row: import('@playwright/test').Locator) => row.getByRole('cell').nth(1);

/** Creates the directory in the Directory section and reads the token (shown once) and the endpoint. */
async function createDirectory(page: import('@playwright/test').Page, provider: string) {
  await openSection(page, 'Directory');
  await expect(page.getByRole('heading', { name: 'No directory yet' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Name', { exact: true }).fill('Workforce directory');
  await page.getByLabel('Identity provider').selectOption(provider);
  await page.getByRole('button', { name: 'Create directory' }).click();
  const once = page.getByRole('region', { name: 'Directory created: its token' });
  await expect(once).toBeVisible();
  await expect(once).toContainText('can’t show it again');
  const token = (await once.getByTestId('directory-token').textContent())!.trim();
  expect(token).toMatch(/^scim_[A-Za-z0-9_-]{43}$/);
  await expectAccessible(page);
  await once.getByRole('button', { name: 'I’ve stored the token: show the setup' }).click();
  const baseUrl = (await page.getByTestId('scim-base-url').textContent())!.trim();
  expect(baseUrl).toMatch(/\/api\/scim\/v2\/[0-9a-f-]{36}$/);
  return { token, baseUrl: baseUrl.replace(/^https?:\/\/[^/]+/, APP) };
}

test('create a directory and copy its token; a SCIM client pushes a group and two users, who become members with the mapped role; deactivating one suspends them', async ({
  page,
}) => {
  const slugBase = await createOrganization(page, `Initech ${unique('')}`);
  const { token, baseUrl } = await createDirectory(page, 'okta');
  await expect(page.getByRole('heading', { name: 'Health' })).toBeVisible();
  await expect(page.getByText('None yet: paste the endpoint and token')).toBeVisible();

  // Map the group before anyone arrives.
  const mappings = page.getByRole('form', { name: 'Map a group to a role' });
  await mappings.getByLabel('Group').fill('Engineering');
  await mappings.getByLabel('Role').selectOption('admin');
  await mappings.getByRole('button', { name: /Add mapping/ }).click();
  await expect(page.getByRole('list', { name: 'Group mappings' })).toContainText('Engineering');

  const client = scim(baseUrl, token);
  const domain = `${unique('initech')}.example.com`;
  const peter = await client('POST', '/Users', {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: `peter@${domain}`,
    name: { givenName: 'Peter', familyName: 'Gibbons' },
    emails: [{ primary: true, type: 'work', value: `peter@${domain}` }],
    active: true,
  });
  expect(peter.status).toBe(201);
  const milton = await client('POST', '/Users', {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: `milton@${domain}`,
    name: { givenName: 'Milton', familyName: 'Waddams' },
    emails: [{ primary: true, type: 'work', value: `milton@${domain}` }],
    active: 'True',
  });
  expect(milton.status).toBe(201);
  const group = await client('POST', '/Groups', {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
    displayName: 'Engineering',
    members: [{ value: peter.body.id }],
  });
  expect(group.status).toBe(201);

  await page.reload();
  const health = page.getByRole('region', { name: 'Health' });
  await expect(health).toContainText('2 active');
  await expect(health).toContainText('groups.create · 201');
  await expect(page.getByText('Syncing', { exact: true })).toBeVisible();

  await openSection(page, 'Members');
  const peterRow = page.getByRole('row', { name: new RegExp(`peter@${domain}`) });
  await expect(roleCell(peterRow)).toHaveText('Admin');
  await expect(peterRow).toContainText('via Directory');
  const miltonRow = page.getByRole('row', { name: new RegExp(`milton@${domain}`) });
  await expect(roleCell(miltonRow)).toHaveText('Member');
  await expectAccessible(page);

  // The dry run: a draft that maps Engineering to Member shows Peter losing Admin, before anything is saved.
  await openSection(page, 'Directory');
  const dryRun = page.getByRole('form', { name: 'Draft mappings' });
  await dryRun.getByLabel('Role for group 1').selectOption('member');
  await dryRun.getByLabel('A directory user').selectOption({ label: `peter@${domain}` });
  await dryRun.getByRole('button', { name: 'Preview the draft' }).click();
  const preview = page.getByRole('region', { name: 'Preview' });
  await expect(preview).toContainText(`peter@${domain} would be Member`);
  const changes = preview.getByRole('table', { name: /If saved, 1 of 2 synced people change role/ });
  await expect(changes.getByRole('row', { name: new RegExp(`peter@${domain}`) })).toContainText('AdminMember');
  // An address with typed groups: Peter, in a group the draft doesn't map, shown beside his role now.
  await dryRun.getByLabel('A directory user').selectOption({ label: 'None: use the groups below' });
  await dryRun.getByLabel('Or an email address').fill(`peter@${domain}`);
  await dryRun.getByLabel('In these groups').fill('Contractors');
  await dryRun.getByRole('button', { name: 'Preview the draft' }).click();
  await expect(preview).toContainText(
    `peter@${domain} would be Member (no mapping matches: the least privileged role). They are Admin now.`,
  );
  await expectAccessible(page);
  await openSection(page, 'Members');
  await expect(roleCell(page.getByRole('row', { name: new RegExp(`peter@${domain}`) }))).toHaveText('Admin');
  await openSection(page, 'Directory');
  await page.getByRole('form', { name: 'Draft mappings' }).getByLabel('Role for group 1').selectOption('member');
  await page.getByRole('button', { name: 'Save the draft…' }).click();
  await page.getByRole('dialog', { name: 'Save these mappings?' }).getByRole('button', { name: 'Save mappings' }).click();
  await expect(page.getByText('Mappings saved: 0 added, 1 changed, 0 removed; 1 role changed.')).toBeVisible();
  await openSection(page, 'Members');
  await expect(roleCell(page.getByRole('row', { name: new RegExp(`peter@${domain}`) }))).toHaveText('Member');

  // Okta deactivates Milton: suspended at once.
  const deactivated = await client('PATCH', `/Users/${milton.body.id}`, {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
    Operations: [{ op: 'replace', value: { active: false } }],
  });
  expect(deactivated.status).toBe(200);
  expect(deactivated.body.active).toBe(false);
  await page.reload();
  await expect(
    page
      .getByRole('row', { name: new RegExp(`milton@${domain}`) })
      .getByRole('cell')
      .nth(2),
  ).toHaveText('suspended');

  // The event log shows the requests, searchable.
  await page.goto(`${slugBase}/directory/events`);
  await expect(page.getByRole('heading', { name: 'Directory event log' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Requests' }).getByRole('listitem')).toHaveCount(4);
  await page.getByRole('searchbox', { name: 'Search operations, paths, ids and errors' }).fill('groups');
  await page.getByRole('searchbox', { name: 'Search operations, paths, ids and errors' }).press('Enter');
  await expect(page.getByRole('list', { name: 'Requests' }).getByRole('listitem')).toHaveCount(1);
  await expectAccessible(page);
});

test('Microsoft’s SCIM reference collection passes against the running app (every folder but Get Token)', async ({ page }) => {
  await createOrganization(page, `Conformance ${unique('')}`);
  const { token, baseUrl } = await createDirectory(page, 'generic');
  const collection = JSON.parse(fs.readFileSync('tests/fixtures/scim/microsoft-scim-reference.postman_collection.json', 'utf8'));
  const url = new URL(baseUrl);
  const folders = (collection.item as { name: string; item?: unknown[] }[])
    .filter((i) => i.item && i.name !== 'Get Token')
    .map((i) => i.name);
  const summary = await new Promise<newman.NewmanRunSummary>((resolve, reject) =>
    newman.run(
      {
        collection,
        envVar: [
          { key: 'Protocol', value: url.protocol.replace(':', '') },
          { key: 'Server', value: url.hostname },
          { key: 'Port', value: `:${url.port}` },
          { key: 'Api', value: url.pathname.replace(/^\//, '') },
          { key: 'token', value: token },
        ],
        folder: folders,
        reporters: [],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    ),
  );
  const failures = summary.run.failures.map((f) => `${f.source?.name}: ${f.error.message}`);
  expect(failures).toEqual([]);
  expect(summary.run.stats.requests.total).toBeGreaterThan(60);
  expect(summary.run.stats.assertions.total).toBeGreaterThan(90);
});
