'use client';

import { useActionState, useEffect, useState } from 'react';
import { type FormAction, useOrganizationActions } from '@/components/actions-context';
import { ChoiceSelect } from '@/components/ui/choice-select';
import { FieldError } from '@/components/ui/field-error';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { TextAreaField, TextField } from '@/components/ui/text-field';
import { TypedConfirmDialog } from '@/components/ui/typed-confirm-dialog';
import { useKeptForm } from '@/components/ui/use-kept-form';
import { failureOf, formLevelFailure } from '@/lib/result';
import { protocolsOf, SSO_PROVIDERS, type SsoProtocolName, type SsoProviderKey } from '@/lib/sso/providers';

const PROTOCOL_LABELS: Record<SsoProtocolName, string> = { saml: 'SAML 2.0', oidc: 'OpenID Connect' };

/** New connection: a name, the identity provider, and the protocol when it offers both. */
export function CreateConnectionForm({ organizationId, slug }: { organizationId: string; slug: string }) {
  const { result, onSubmit, pending } = useKeptForm(useOrganizationActions().createSsoConnection);
  const failure = failureOf(result);
  const [name, setName] = useState('');
  const [provider, setProvider] = useState<SsoProviderKey>('okta');
  const protocols = protocolsOf(provider);
  const [chosen, setChosen] = useState<SsoProtocolName>('saml');
  const protocol = protocols.includes(chosen) ? chosen : protocols[0]!;
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-labelledby="new-connection-heading">
      <h3 id="new-connection-heading" className="font-semibold">
        New connection
      </h3>
      <input type="hidden" name="organizationId" value={organizationId} />
      <input type="hidden" name="slug" value={slug} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          id="new-connection-name"
          label="Name"
          name="name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder={`${SSO_PROVIDERS[provider].label} (employees)`}
          hint="How builders and the sign-in log tell this connection apart."
          errors={failure?.fieldErrors?.name}
          autoComplete="off"
        />
        <ChoiceSelect
          id="sso-provider"
          name="provider"
          label="Identity provider"
          hint="The setup steps and field names follow this choice."
          value={provider}
          onChange={setProvider}
          options={(Object.keys(SSO_PROVIDERS) as SsoProviderKey[]).map((key) => ({ key, label: SSO_PROVIDERS[key].label }))}
          errors={failure?.fieldErrors?.provider}
        />
      </div>
      {protocols.length > 1 ? (
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Protocol</legend>
          <div className="mt-1 flex gap-6">
            {protocols.map((key) => (
              <label key={key} className="flex items-center gap-2 text-sm">
                <input type="radio" name="protocol" value={key} checked={protocol === key} onChange={() => setChosen(key)} />
                {PROTOCOL_LABELS[key]}
              </label>
            ))}
          </div>
          <FieldError id="sso-protocol-error" errors={failure?.fieldErrors?.protocol} />
        </fieldset>
      ) : (
        <p className="text-sm text-slate-700">
          <input type="hidden" name="protocol" value={protocol} />
          {SSO_PROVIDERS[provider].label} connects with {PROTOCOL_LABELS[protocol]}.
        </p>
      )}
      <FormMessage result={formLevelFailure(failure)} />
      <SubmitButton pending={pending} pendingLabel="Creating…">
        Create connection
      </SubmitButton>
    </form>
  );
}

interface ConnectionRef {
  organizationId: string;
  connectionId: string;
}

/** A settings form's state: its values as typed (kept whatever the server answers), the answer and its field errors. */
function useSettingsForm<T extends object>(action: FormAction, initial: T) {
  const form = useKeptForm(action);
  const failure = failureOf(form.result);
  const [values, setValues] = useState(initial);
  const set = (patch: Partial<T>) => setValues((current) => ({ ...current, ...patch }));
  return { ...form, failure, errors: failure?.fieldErrors ?? {}, values, set };
}

/** Which connection a settings form saves, and its name: the start of both protocols' forms. */
function ConnectionFormHead({
  connection,
  name,
  onName,
  errors,
}: {
  connection: ConnectionRef;
  name: string;
  onName: (name: string) => void;
  errors?: string[];
}) {
  return (
    <>
      <input type="hidden" name="organizationId" value={connection.organizationId} />
      <input type="hidden" name="connectionId" value={connection.connectionId} />
      <TextField
        id={`connection-name-${connection.connectionId}`}
        label="Connection name"
        name="name"
        value={name}
        onChange={(e) => onName(e.target.value)}
        errors={errors}
      />
    </>
  );
}

/** The attribute names and the domains: shared by both protocols' settings forms. */
interface MappingValues {
  emailAttribute: string;
  firstNameAttribute: string;
  lastNameAttribute: string;
  groupsAttribute: string;
  domainIds: string[];
}

export interface DomainChoice {
  id: string;
  name: string;
  verified: boolean;
}

function MappingFields({
  values,
  set,
  domains,
  errors,
  claim,
}: {
  values: MappingValues;
  set: (patch: Partial<MappingValues>) => void;
  domains: DomainChoice[];
  errors: Record<string, string[] | undefined>;
  /** "attribute" (SAML) or "claim" (OIDC). */
  claim: string;
}) {
  const fields = [
    ['emailAttribute', 'Email'],
    ['firstNameAttribute', 'First name'],
    ['lastNameAttribute', 'Last name'],
    ['groupsAttribute', 'Groups'],
  ] as const;
  return (
    <>
      <fieldset className="space-y-3">
        <legend className="font-medium">Attribute mapping</legend>
        <p className="text-sm text-slate-700">Which {claim} carries each detail. The provider’s usual names are filled in.</p>
        <div className="grid gap-4 sm:grid-cols-2">
          {fields.map(([key, label]) => (
            <TextField
              key={key}
              label={`${label} ${claim}`}
              name={key}
              value={values[key]}
              onChange={(event) => set({ [key]: event.target.value })}
              errors={errors[key]}
              autoComplete="off"
              spellCheck={false}
            />
          ))}
        </div>
      </fieldset>
      <fieldset aria-describedby={errors.domainIds ? 'sso-domains-error' : 'sso-domains-hint'}>
        <legend className="font-medium">Domains it applies to</legend>
        <p id="sso-domains-hint" className="text-sm text-slate-700">
          People whose email is at a chosen domain sign in through this connection. Only verified domains can be chosen.
        </p>
        {domains.length ? (
          <ul className="mt-2 space-y-1">
            {domains.map((domain) => (
              <li key={domain.id}>
                <label className={`flex items-center gap-2 text-sm ${domain.verified ? '' : 'text-slate-500'}`}>
                  <input
                    type="checkbox"
                    name="domainIds[]"
                    value={domain.id}
                    disabled={!domain.verified}
                    checked={values.domainIds.includes(domain.id)}
                    onChange={(event) =>
                      set({
                        domainIds: event.target.checked
                          ? [...values.domainIds, domain.id]
                          : values.domainIds.filter((id) => id !== domain.id),
                      })
                    }
                  />
                  {domain.name}
                  {domain.verified ? null : <span className="text-xs">(not verified yet)</span>}
                </label>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-sm text-slate-700">This organization has no domains yet. Add and verify one on the Domains page.</p>
        )}
        <FieldError id="sso-domains-error" errors={errors.domainIds} />
      </fieldset>
    </>
  );
}

export interface SamlSettings extends MappingValues {
  name: string;
  idpEntityId: string;
  idpSsoUrl: string;
  certificates: string[];
  signedPart: 'assertion' | 'response';
  allowSha1: boolean;
  idpInitiated: boolean;
  clockSkewSeconds: string;
}

/** A SAML connection's identity provider, options, attributes and domains, saved together. */
export function SamlSettingsForm({
  connection,
  initial,
  domains,
  labels,
}: {
  connection: ConnectionRef;
  initial: SamlSettings;
  domains: DomainChoice[];
  /** The identity provider's own names for its values. */
  labels: { ssoUrl: string; entityId: string; certificate: string };
}) {
  const { result, onSubmit, pending, failure, errors, values, set } = useSettingsForm(
    useOrganizationActions().configureSamlConnection,
    initial,
  );
  const certificates = [...values.certificates, '', '', ''].slice(0, 3);
  return (
    <form onSubmit={onSubmit} className="space-y-6" noValidate aria-label="SAML settings">
      <ConnectionFormHead connection={connection} name={values.name} onName={(name) => set({ name })} errors={errors.name} />
      <fieldset className="space-y-4">
        <legend className="font-medium">Identity provider</legend>
        <TextField
          label={`${labels.entityId} (entity ID)`}
          name="idpEntityId"
          value={values.idpEntityId}
          onChange={(e) => set({ idpEntityId: e.target.value })}
          errors={errors.idpEntityId}
          spellCheck={false}
          autoComplete="off"
        />
        <TextField
          label={`${labels.ssoUrl} (SSO URL)`}
          name="idpSsoUrl"
          type="url"
          value={values.idpSsoUrl}
          onChange={(e) => set({ idpSsoUrl: e.target.value })}
          errors={errors.idpSsoUrl}
          spellCheck={false}
          autoComplete="off"
        />
        <div className="space-y-3">
          {certificates.map((pem, index) => (
            <TextAreaField
              // biome-ignore lint/suspicious/noArrayIndexKey: the three certificate slots are fixed positions
              key={index}
              id={`sso-certificate-${index + 1}`}
              label={
                index === 0
                  ? `${labels.certificate} (signing certificate)`
                  : `Another signing certificate, for rotation (${index + 1} of 3)`
              }
              name="certificates[]"
              rows={index === 0 ? 6 : 3}
              value={pem}
              onChange={(e) => set({ certificates: certificates.map((c, i) => (i === index ? e.target.value : c)) })}
              hint={
                index === 0
                  ? 'PEM (-----BEGIN CERTIFICATE-----) or the base64 from the metadata. Up to three are trusted at once.'
                  : undefined
              }
              errors={index === 0 ? errors.certificates : undefined}
              spellCheck={false}
            />
          ))}
        </div>
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="font-medium">Security options</legend>
        <div>
          <p className="text-sm text-slate-800">The signature must cover</p>
          <div className="mt-1 flex flex-wrap gap-6">
            {(
              [
                ['assertion', 'The assertion (recommended)'],
                ['response', 'The whole response'],
              ] as const
            ).map(([key, label]) => (
              <label key={key} className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="signedPart"
                  value={key}
                  checked={values.signedPart === key}
                  onChange={() => set({ signedPart: key })}
                />
                {label}
              </label>
            ))}
          </div>
        </div>
        <TextField
          label="Clock skew tolerated, in seconds"
          name="clockSkewSeconds"
          type="number"
          min={0}
          max={600}
          className="max-w-xs"
          value={values.clockSkewSeconds}
          onChange={(e) => set({ clockSkewSeconds: e.target.value })}
          hint="3 minutes (180) by default; at most 10 minutes."
          errors={errors.clockSkewSeconds}
        />
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            name="allowSha1"
            className="mt-1"
            checked={values.allowSha1}
            onChange={(e) => set({ allowSha1: e.target.checked })}
          />
          <span>Accept SHA-1 signatures. Only for an identity provider that can’t sign with SHA-256: SHA-1 signatures can be forged.</span>
        </label>
        {values.allowSha1 ? (
          <p role="note" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
            Warning: with SHA-1 accepted, an attacker with enough computing power could forge a sign-in. Switch the identity provider to
            SHA-256 and turn this off.
          </p>
        ) : null}
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            name="idpInitiated"
            className="mt-1"
            checked={values.idpInitiated}
            onChange={(e) => set({ idpInitiated: e.target.checked })}
          />
          <span>
            Accept sign-ins started at the identity provider (from its app dashboard). Off by default; such assertions must be at most 5
            minutes old and are never accepted twice.
          </span>
        </label>
      </fieldset>
      <MappingFields values={values} set={set} domains={domains} errors={errors} claim="attribute" />
      <FormMessage result={result?.ok ? result : formLevelFailure(failure)} success="SAML settings saved." />
      <SubmitButton pending={pending} pendingLabel="Saving…">
        Save SAML settings
      </SubmitButton>
    </form>
  );
}

/** Fills the identity provider's values from its metadata, by URL (kept and refreshed daily) or pasted. */
export function MetadataImportForm({ connection, metadataUrl }: { connection: ConnectionRef; metadataUrl: string }) {
  const { result, onSubmit, pending } = useKeptForm(useOrganizationActions().importSamlMetadata);
  const failure = failureOf(result);
  const [url, setUrl] = useState(metadataUrl);
  const [xml, setXml] = useState('');
  const imported = result?.ok ? (result.data as { entityId: string; certificates: number }) : null;
  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate aria-labelledby="metadata-heading">
      <h3 id="metadata-heading" className="font-semibold">
        Import the identity provider’s metadata
      </h3>
      <p className="text-sm text-slate-700">
        The quickest way: give its metadata URL (Orgdesk re-reads it daily and records any change) or paste the XML. It fills in the entity
        ID, SSO URL and certificates below.
      </p>
      <input type="hidden" name="organizationId" value={connection.organizationId} />
      <input type="hidden" name="connectionId" value={connection.connectionId} />
      <TextField
        label="Metadata URL"
        name="metadataUrl"
        type="url"
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        errors={failure?.fieldErrors?.metadataUrl}
        spellCheck={false}
        autoComplete="off"
      />
      <TextAreaField
        label="Or paste the metadata XML"
        name="metadataXml"
        rows={4}
        value={xml}
        onChange={(e) => setXml(e.target.value)}
        errors={failure?.fieldErrors?.metadataXml}
        spellCheck={false}
      />
      <FormMessage result={formLevelFailure(failure)} />
      {imported ? (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          Imported {imported.entityId} with {imported.certificates} signing certificate{imported.certificates === 1 ? '' : 's'}.
        </p>
      ) : null}
      <SubmitButton variant="secondary" pending={pending} pendingLabel="Reading metadata…">
        Import metadata
      </SubmitButton>
    </form>
  );
}

export interface OidcSettings extends MappingValues {
  name: string;
  issuer: string;
  clientId: string;
}

/** An OIDC connection's issuer, client, secret (write-only), claims and domains. */
export function OidcSettingsForm({
  connection,
  initial,
  hasClientSecret,
  domains,
  labels,
}: {
  connection: ConnectionRef;
  initial: OidcSettings;
  hasClientSecret: boolean;
  domains: DomainChoice[];
  labels: { clientId: string; clientSecret: string; issuerHint: string };
}) {
  const { result, onSubmit, pending, failure, errors, values, set } = useSettingsForm(
    useOrganizationActions().configureOidcConnection,
    initial,
  );
  const [secret, setSecret] = useState('');
  // Saved: the secret field empties, as the secret is never shown again.
  useEffect(() => {
    if (result?.ok) setSecret('');
  }, [result]);
  const secretStored = hasClientSecret || Boolean(result?.ok);
  return (
    <form onSubmit={onSubmit} className="space-y-6" noValidate aria-label="OpenID Connect settings">
      <ConnectionFormHead connection={connection} name={values.name} onName={(name) => set({ name })} errors={errors.name} />
      <fieldset className="space-y-4">
        <legend className="font-medium">Identity provider</legend>
        <TextField
          label="Issuer"
          name="issuer"
          type="url"
          value={values.issuer}
          onChange={(e) => set({ issuer: e.target.value })}
          placeholder={labels.issuerHint}
          hint={`Like ${labels.issuerHint}. Orgdesk reads the rest from its discovery document.`}
          errors={errors.issuer}
          spellCheck={false}
          autoComplete="off"
        />
        <TextField
          label={labels.clientId}
          name="clientId"
          value={values.clientId}
          onChange={(e) => set({ clientId: e.target.value })}
          errors={errors.clientId}
          spellCheck={false}
          autoComplete="off"
        />
        <TextField
          label={labels.clientSecret}
          name="clientSecret"
          type="password"
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
          hint={
            secretStored
              ? 'A secret is stored, encrypted; it is never shown again. Leave this blank to keep it, or enter a new one to replace it.'
              : 'Stored encrypted and never shown again after saving.'
          }
          errors={errors.clientSecret}
          autoComplete="new-password"
        />
      </fieldset>
      <MappingFields values={values} set={set} domains={domains} errors={errors} claim="claim" />
      <FormMessage
        result={result?.ok ? result : formLevelFailure(failure)}
        success={
          result?.ok ? `OpenID Connect settings saved. ${(result.data as { message: string }).message}` : 'OpenID Connect settings saved.'
        }
      />
      <SubmitButton pending={pending} pendingLabel="Saving…">
        Save OpenID Connect settings
      </SubmitButton>
    </form>
  );
}

/** Turns the connection on (only once complete) or off. */
export function EnableConnectionForm({ connection, enabled, name }: { connection: ConnectionRef; enabled: boolean; name: string }) {
  const [result, action] = useActionState(useOrganizationActions().setSsoConnectionEnabled, null);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="organizationId" value={connection.organizationId} />
      <input type="hidden" name="connectionId" value={connection.connectionId} />
      <input type="hidden" name="enabled" value={enabled ? 'off' : 'on'} />
      <FormMessage result={failureOf(result)} />
      <SubmitButton variant={enabled ? 'secondary' : 'primary'} pendingLabel={enabled ? 'Disabling…' : 'Enabling…'}>
        {enabled ? 'Disable' : 'Enable'} {name}
      </SubmitButton>
    </form>
  );
}

/** Deleting asks for the connection's name, typed. */
export function DeleteConnectionForm({ connection, name, slug }: { connection: ConnectionRef; name: string; slug: string }) {
  return (
    <TypedConfirmDialog
      id="delete-connection"
      action={useOrganizationActions().deleteSsoConnection}
      fields={{ organizationId: connection.organizationId, connectionId: connection.connectionId, slug }}
      trigger="Delete connection…"
      title={`Delete ${name}?`}
      confirmName="confirmName"
      confirmLabel="Name to confirm"
      submitLabel="Delete connection"
    >
      People at its domains can no longer sign in through it, and its certificates and settings are deleted. Type{' '}
      <strong className="font-mono">{name}</strong> to confirm.
    </TypedConfirmDialog>
  );
}

/** Require SSO for the organization's verified domains, with the break-glass owners who keep email links. */
export function RequireSsoForm({
  organizationId,
  requireSso,
  owners,
  enabledConnections,
}: {
  organizationId: string;
  requireSso: boolean;
  owners: { membershipId: string; email: string; breakGlass: boolean }[];
  enabledConnections: number;
}) {
  const { result, onSubmit, pending } = useKeptForm(useOrganizationActions().setSsoRequirement);
  const failure = failureOf(result);
  const [required, setRequired] = useState(requireSso);
  const [breakGlass, setBreakGlass] = useState(owners.filter((o) => o.breakGlass).map((o) => o.membershipId));
  const errors = failure?.fieldErrors ?? {};
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-labelledby="require-sso-heading">
      <h3 id="require-sso-heading" className="font-semibold">
        Require SSO
      </h3>
      <input type="hidden" name="organizationId" value={organizationId} />
      <div>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            name="requireSso"
            className="mt-1"
            checked={required}
            onChange={(e) => setRequired(e.target.checked)}
            aria-describedby={errors.requireSso ? 'require-sso-error' : 'require-sso-hint'}
            aria-invalid={errors.requireSso ? true : undefined}
          />
          <span>Require single sign-on for people at this organization’s verified domains</span>
        </label>
        <p id="require-sso-hint" className="mt-1 text-sm text-slate-600">
          Email-link sign-in is then refused for their addresses, except for the break-glass owners below, so a broken identity provider
          never locks everyone out. {enabledConnections ? '' : 'Enable a connection first.'}
        </p>
        <FieldError id="require-sso-error" errors={errors.requireSso} />
      </div>
      <fieldset aria-describedby={errors.breakGlassMembershipIds ? 'break-glass-error' : undefined}>
        <legend className="text-sm font-medium text-slate-800">Break-glass owners</legend>
        {owners.length ? (
          <ul className="mt-1 space-y-1">
            {owners.map((owner) => (
              <li key={owner.membershipId}>
                <label className="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    name="breakGlassMembershipIds[]"
                    value={owner.membershipId}
                    checked={breakGlass.includes(owner.membershipId)}
                    onChange={(e) =>
                      setBreakGlass((current) =>
                        e.target.checked ? [...current, owner.membershipId] : current.filter((id) => id !== owner.membershipId),
                      )
                    }
                  />
                  <span className="break-all">{owner.email}</span>
                </label>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-1 text-sm text-slate-700">This organization has no active owner yet: invite one first.</p>
        )}
        <FieldError id="break-glass-error" errors={errors.breakGlassMembershipIds} />
      </fieldset>
      <FormMessage result={result?.ok ? result : formLevelFailure(failure)} success="Saved." />
      <SubmitButton pending={pending} pendingLabel="Saving…">
        Save
      </SubmitButton>
    </form>
  );
}
