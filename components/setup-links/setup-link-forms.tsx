'use client';

import { useState } from 'react';
import { useOrganizationActions } from '@/components/actions-context';
import { ChoiceSelect } from '@/components/ui/choice-select';
import { FieldError } from '@/components/ui/field-error';
import { FormMessage } from '@/components/ui/form-message';
import { RevokeButton } from '@/components/ui/revoke-button';
import { ShownOnce } from '@/components/ui/shown-once';
import { SubmitButton } from '@/components/ui/submit-button';
import { TextField } from '@/components/ui/text-field';
import { useKeptForm } from '@/components/ui/use-kept-form';
import { formatLongDateTime } from '@/lib/format';
import { failureOf, formLevelFailure } from '@/lib/result';
import {
  DEFAULT_SETUP_LINK_HOURS,
  SETUP_INTENT_KEYS,
  SETUP_INTENTS,
  SETUP_LINK_LIFETIMES,
  type SetupIntent,
} from '@/lib/setup-links/intents';

type Lifetime = `${(typeof SETUP_LINK_LIFETIMES)[number]['hours']}`;

/**
 * New setup link: what it may set up, how long it works, and where to email it (or leave the
 * address empty and copy it). The answer shows the link once.
 */
export function CreateSetupLinkForm({ organizationId, initialIntents }: { organizationId: string; initialIntents: SetupIntent[] }) {
  const { result, onSubmit, pending } = useKeptForm(useOrganizationActions().createSetupLink);
  const failure = failureOf(result);
  const [intents, setIntents] = useState<SetupIntent[]>(initialIntents);
  const [lifetime, setLifetime] = useState<Lifetime>(`${DEFAULT_SETUP_LINK_HOURS}` as Lifetime);
  const [sendTo, setSendTo] = useState('');
  const created = result?.ok ? (result.data as { url: string; expiresAt: string | Date; sentTo: string | null }) : null;
  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="space-y-4" noValidate aria-labelledby="new-setup-link-heading">
        <h3 id="new-setup-link-heading" className="font-semibold">
          New setup link
        </h3>
        <input type="hidden" name="organizationId" value={organizationId} />
        <fieldset aria-describedby="setup-intents-error">
          <legend className="text-sm font-medium text-slate-800">What it may set up</legend>
          <ul className="mt-1 space-y-1">
            {SETUP_INTENT_KEYS.map((key) => (
              <li key={key}>
                <label className="flex items-start gap-2 text-sm">
                  <input
                    type="checkbox"
                    name="intents[]"
                    value={key}
                    className="mt-1"
                    checked={intents.includes(key)}
                    onChange={(event) => setIntents(event.target.checked ? [...intents, key] : intents.filter((i) => i !== key))}
                  />
                  <span>
                    <strong className="font-medium">{SETUP_INTENTS[key].label}</strong>: {SETUP_INTENTS[key].description}
                  </span>
                </label>
              </li>
            ))}
          </ul>
          <FieldError id="setup-intents-error" errors={failure?.fieldErrors?.intents} />
        </fieldset>
        <div className="grid gap-4 sm:grid-cols-2">
          <ChoiceSelect
            id="setup-link-lifetime"
            name="expiresInHours"
            label="Works for"
            hint="It stops working after this, or when you revoke it."
            value={lifetime}
            onChange={setLifetime}
            options={SETUP_LINK_LIFETIMES.map((l) => ({ key: `${l.hours}` as Lifetime, label: l.label }))}
            errors={failure?.fieldErrors?.expiresInHours}
          />
          <TextField
            label="Email it to (optional)"
            name="sendTo"
            type="email"
            value={sendTo}
            onChange={(event) => setSendTo(event.target.value)}
            hint="The IT admin’s address. Leave empty to copy the link yourself."
            errors={failure?.fieldErrors?.sendTo}
            autoComplete="off"
          />
        </div>
        <FormMessage result={formLevelFailure(failure)} />
        <SubmitButton pending={pending} pendingLabel="Creating…">
          Create setup link
        </SubmitButton>
      </form>
      {created ? (
        <ShownOnce
          heading={created.sentTo ? `Setup link created and queued for ${created.sentTo}` : 'Setup link created'}
          note={`Copy it now if you need it: Orgdesk stores only its hash and can’t show it again. It works until ${formatLongDateTime(new Date(created.expiresAt))}.`}
          value={created.url}
          copyLabel="Copy the setup link"
          testId="setup-link-url"
        />
      ) : null}
    </div>
  );
}

/** Revoke a link, after a confirmation: its page and everything it would do stop at once. */
export function RevokeSetupLinkButton({ organizationId, linkId, label }: { organizationId: string; linkId: string; label: string }) {
  return (
    <RevokeButton
      action={useOrganizationActions().revokeSetupLink}
      fields={{ organizationId, linkId }}
      label={`the setup link ${label}`}
      confirmLabel="Revoke link"
    >
      It stops working at once: its page shows that it was revoked, and nothing more can be done through it. What was already set up stays.
    </RevokeButton>
  );
}
