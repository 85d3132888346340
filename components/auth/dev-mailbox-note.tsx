import Link from 'next/link';

/** Development only (no SMTP_URL): where sign-in links go, and which builder address to use. */
export function DevMailboxNote({ builderEmail }: { builderEmail?: string }) {
  return (
    <p className="rounded-md bg-amber-50 px-3 py-2 text-amber-900">
      Development: no SMTP server is configured, so the link goes to the <Link href="/dev/mailbox">dev mailbox</Link>.
      {builderEmail ? (
        <>
          {' '}
          A builder address here is <strong>{builderEmail}</strong>.
        </>
      ) : null}
    </p>
  );
}
