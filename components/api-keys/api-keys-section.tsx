import Link from 'next/link';
import type { FormAction } from '@/components/actions-context';
import { CredentialStatus } from '@/components/ui/credential-status';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { API_KEYS_SHOWN, type ApiKeyRow } from '@/lib/api-keys/queries';
import { API_KEY_SCOPES, PERMISSIONS } from '@/lib/commands/permissions';
import { formatDateTime } from '@/lib/format';
import { CreateApiKeyForm, RevokeApiKeyButton } from './api-key-forms';

/** The console's API keys: the form (for whoever may manage them), then every key with its scopes, reach and last use. */
export function ApiKeysSection({
  keys,
  total,
  now,
  manage,
  held,
  actions,
}: {
  keys: ApiKeyRow[];
  total: number;
  now: Date;
  manage: boolean;
  held: string[];
  actions: { create: FormAction; revoke: FormAction };
}) {
  const scopes = API_KEY_SCOPES.filter((scope) => held.includes(scope)).map((key) => ({ key, description: PERMISSIONS[key] }));
  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">API keys</h1>
        <p className="text-sm text-slate-700">
          Your app calls the REST API at <code>/api/v1</code> with a key: <code>Authorization: Bearer odk_…</code>. Each key runs only the
          commands its scopes name, on every organization or on one, and everything it does is in the audit log under the key.
        </p>
        <p className="text-sm">
          <Link href="/api-keys/reference" className="text-blue-800 underline">
            Read the API reference
          </Link>{' '}
          (every endpoint, its scope, body and answer), or download{' '}
          <a href="/api/v1/openapi.json" className="text-blue-800 underline">
            the OpenAPI document
          </a>
          .
        </p>
      </header>
      {manage ? (
        <div className="rounded-lg border border-slate-200 bg-white p-6">
          <CreateApiKeyForm action={actions.create} scopes={scopes} />
        </div>
      ) : (
        <p className="text-sm text-slate-700">You can see the keys; creating and revoking them needs the api_keys.manage permission.</p>
      )}
      {keys.length ? (
        <DataTable
          caption="API keys"
          columns={[
            { label: 'Key' },
            { label: 'Scopes' },
            { label: 'Reach' },
            { label: 'Last used' },
            { label: 'Status' },
            { label: 'Actions' },
          ]}
          footer={
            total > keys.length ? (
              <p className="px-4 py-2 text-sm text-slate-700">
                The {API_KEYS_SHOWN} newest of {total} keys.
              </p>
            ) : null
          }
        >
          {keys.map((key) => (
            <tr key={key.id} className="align-top">
              <td className="px-4 py-3">
                <div className="font-medium">{key.name}</div>
                <div className="font-mono text-xs">{key.prefix}…</div>
                <div className="text-xs text-slate-700">
                  By {key.createdByEmail}, {formatDateTime(key.createdAt)}
                </div>
              </td>
              <td className="px-4 py-3 text-xs">{key.scopes.join(', ')}</td>
              <td className="px-4 py-3 text-xs">{key.organization ? key.organization.name : 'Every organization'}</td>
              <td className="px-4 py-3 text-xs">
                {key.lastUsedAt ? `${formatDateTime(key.lastUsedAt)}${key.lastUsedIp ? ` from ${key.lastUsedIp}` : ''}` : 'Never'}
              </td>
              <td className="px-4 py-3">
                <CredentialStatus
                  status={key.status}
                  revokedAt={key.revokedAt}
                  revokedByEmail={key.revokedByEmail}
                  expiresAt={key.expiresAt}
                  now={now}
                />
              </td>
              <td className="px-4 py-3 text-right">
                {manage && key.status === 'active' ? (
                  <RevokeApiKeyButton action={actions.revoke} keyId={key.id} label={`${key.name} (${key.prefix}…)`} />
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <EmptyState title="No API keys yet">
          <p>Create one above for your app: it can list and create organizations and report end-user activity, which makes them Active.</p>
        </EmptyState>
      )}
    </div>
  );
}
