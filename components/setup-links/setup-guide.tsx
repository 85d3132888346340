import type { ComponentProps, ReactNode } from 'react';
import { DomainsSection } from '@/components/domains/domains-section';
import { AttemptResult } from '@/components/sso/attempt-result';
import { ConnectionSetup } from '@/components/sso/connection-setup';
import { CreateConnectionForm } from '@/components/sso/sso-forms';
import { formatLongDateTime } from '@/lib/format';
import { SETUP_INTENTS, type SetupIntent } from '@/lib/setup-links/intents';
import { SetupDirectory, type SetupDirectoryData } from './setup-directory';

export interface SetupGuideProps {
  organization: { id: string; name: string; slug: string };
  link: { expiresAt: Date; intents: SetupIntent[]; sentTo: string | null };
  now: Date;
  domains: ComponentProps<typeof DomainsSection> | null;
  sso: {
    connections: Omit<ComponentProps<typeof ConnectionSetup>, 'setup'>[];
    testHref: (connectionId: string) => string;
    resultHref: (attemptId: string) => string;
    /** A test's result the visitor just came back with. */
    result: ComponentProps<typeof AttemptResult> | null;
  } | null;
  directory: SetupDirectoryData | null;
}

function Step({ number, intent, children }: { number: number; intent: SetupIntent; children: ReactNode }) {
  return (
    <section id={intent} aria-labelledby={`${intent}-step`} className="space-y-4 scroll-mt-6">
      <div>
        <h2 id={`${intent}-step`} className="text-lg font-semibold">
          Step {number}: {SETUP_INTENTS[intent].label}
        </h2>
        <p className="text-sm text-slate-700">{SETUP_INTENTS[intent].description}</p>
      </div>
      {children}
    </section>
  );
}

/**
 * The page a setup link opens for the customer's IT admin: one step per intent, with the exact
 * values to copy both ways. Nothing of the console and nothing of other organizations.
 */
export function SetupGuide({ organization, link, now, domains, sso, directory }: SetupGuideProps) {
  let number = 0;
  return (
    <main id="main" className="mx-auto max-w-3xl space-y-10 px-6 py-10">
      <header className="space-y-2">
        <p className="text-lg font-bold tracking-tight text-slate-900">Orgdesk</p>
        <h1 className="text-2xl font-semibold">Set up {organization.name}</h1>
        <p className="text-sm text-slate-700">
          This page lets you set up {link.intents.map((i) => SETUP_INTENTS[i].label.toLowerCase()).join(', ')} for {organization.name}, and
          nothing else. It works until {formatLongDateTime(link.expiresAt)}. Everything you do here is recorded
          {link.sentTo ? ` under the address it was sent to, ${link.sentTo}` : ''}. Don’t forward the link.
        </p>
        {link.intents.length > 1 ? (
          <nav aria-label="Setup steps">
            <ol className="flex flex-wrap gap-4 text-sm">
              {link.intents.map((intent, index) => (
                <li key={intent}>
                  <a href={`#${intent}`}>
                    {index + 1}. {SETUP_INTENTS[intent].label}
                  </a>
                </li>
              ))}
            </ol>
          </nav>
        ) : null}
      </header>
      {domains ? (
        <Step number={++number} intent="domains">
          <DomainsSection {...domains} setup />
        </Step>
      ) : null}
      {sso ? (
        <Step number={++number} intent="sso">
          {sso.result ? (
            <div className="rounded-lg border border-slate-200 bg-white p-6">
              <AttemptResult {...sso.result} />
            </div>
          ) : null}
          {sso.connections.length ? (
            sso.connections.map((connection) => (
              <div key={connection.connection.id} className="rounded-lg border border-slate-200 p-4">
                <ConnectionSetup {...connection} setup={{ testHref: sso.testHref(connection.connection.id), resultHref: sso.resultHref }} />
              </div>
            ))
          ) : (
            <div className="rounded-lg border border-slate-200 bg-white p-6">
              <CreateConnectionForm organizationId={organization.id} slug={organization.slug} />
            </div>
          )}
        </Step>
      ) : null}
      {directory ? (
        <Step number={++number} intent="directory">
          <SetupDirectory data={directory} now={now} />
        </Step>
      ) : null}
    </main>
  );
}
