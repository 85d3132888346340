import { CreateDirectoryForm, RotateTokenForm } from '@/components/directory/directory-forms';
import { CopyButton } from '@/components/ui/copy-button';
import { DIRECTORY_PROVIDERS, type DirectoryProviderKey } from '@/lib/directory/providers';
import { formatDateTime } from '@/lib/format';

export interface SetupDirectoryData {
  organizationId: string;
  directory: {
    id: string;
    name: string;
    provider: string;
    status: string;
    lastRequestAt: Date | null;
    tokens: { id: string; prefix: string; createdAt: Date; expiresAt: Date | null; revokedAt: Date | null }[];
  } | null;
  scimBaseUrl: string | null;
}

/** Directory sync on a setup link's page: create it (its token shown once), then the values to copy into the identity provider. */
export function SetupDirectory({ data, now }: { data: SetupDirectoryData; now: Date }) {
  const { directory } = data;
  if (!directory || !data.scimBaseUrl) {
    return (
      <div className="rounded-lg border border-slate-200 bg-white p-6">
        <CreateDirectoryForm organizationId={data.organizationId} />
      </div>
    );
  }
  const provider = DIRECTORY_PROVIDERS[directory.provider as DirectoryProviderKey];
  const live = directory.tokens.filter((t) => !t.revokedAt && (!t.expiresAt || t.expiresAt > now));
  return (
    <div className="space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      <h3 className="font-semibold">
        {directory.name} <span className="text-sm font-normal text-slate-700">({provider?.label ?? directory.provider})</span>
      </h3>
      <p className="text-sm text-slate-700">
        {directory.lastRequestAt
          ? `Connected: the last request from the identity provider arrived ${formatDateTime(directory.lastRequestAt)}.`
          : 'Waiting for the first request from the identity provider. Start provisioning there once the values below are in place.'}
      </p>
      <dl className="grid grid-cols-[auto_minmax(0,1fr)_auto] items-center gap-x-3 gap-y-2 text-sm">
        <dt className="font-medium">SCIM base URL</dt>
        <dd className="break-all font-mono text-xs">{data.scimBaseUrl}</dd>
        <dd>
          <CopyButton value={data.scimBaseUrl} label="Copy the SCIM base URL" />
        </dd>
        <dt className="font-medium">Token</dt>
        <dd className="text-xs">
          {live.length
            ? live.map((t) => `${t.prefix}… (created ${formatDateTime(t.createdAt)})`).join('; ')
            : 'No working token: rotate to get one.'}
        </dd>
        <dd />
      </dl>
      {provider ? (
        <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-800">
          {provider.steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
      ) : null}
      <div className="space-y-2">
        <h4 className="font-medium">Lost the token?</h4>
        <p className="text-sm text-slate-700">
          Tokens are shown once. Rotate to get a new one; the old one keeps working through the overlap.
        </p>
        <RotateTokenForm directory={{ organizationId: data.organizationId, directoryId: directory.id }} />
      </div>
    </div>
  );
}
