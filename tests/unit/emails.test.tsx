import { render } from '@react-email/render';
import { describe, expect, it } from 'vitest';
import { InvitationEmail, invitationSenderName, inviterDisplayName, previewProps, renderInvitation } from '@/emails/invitation';
import { renderSignInLink } from '@/emails/sign-in-link';
import { checkEmailLinks, emailLinks } from '@/lib/email/links';

const APP = 'https://orgdesk.example';

const invitation = {
  organizationName: 'Acme <Labs> & Co',
  inviterName: 'Ada',
  inviterEmail: 'ada@builder.example',
  roleName: 'Admin',
  expiresAt: new Date('2026-12-05T12:00:00Z'),
  acceptUrl: `${APP}/invite/abc`,
  isTest: false,
};

describe('the invitation email (React Email)', () => {
  it('has an HTML and a plain-text part with the organization, inviter, role, expiry and link, escaped', async () => {
    const email = await renderInvitation(invitation);
    expect(email.subject).toBe("You're invited to join Acme <Labs> & Co");
    expect(email.html).toMatch(/^<!DOCTYPE html/i);
    expect(email.html).toContain('Acme &lt;Labs&gt; &amp; Co');
    expect(email.html).not.toContain('<Labs>');
    expect(email.html).toContain(`href="${APP}/invite/abc"`);
    expect(email.text).toContain('Ada (ada@builder.example) invited you to join Acme <Labs> & Co as Admin.');
    expect(email.text).toContain('December 5, 2026');
    expect(email.text).toContain(`${APP}/invite/abc`);
    expect(email.text).not.toContain('<p');
  });

  it('goes out as “Ada at Acme via Orgdesk”; without a person, as the organization via the sender', async () => {
    expect((await renderInvitation(invitation, 'Orgdesk')).fromName).toBe('Ada at Acme <Labs> & Co via Orgdesk');
    expect(invitationSenderName(null, 'Acme', 'Orgdesk')).toBe('Acme via Orgdesk');
    expect(inviterDisplayName(null, 'ada.lovelace@acme.example')).toBe('ada.lovelace');
    expect(inviterDisplayName('  Ada L. ', 'ada@acme.example')).toBe('Ada L.');
    expect(inviterDisplayName(null, null)).toBeNull();
    const anonymous = await renderInvitation({ ...invitation, inviterName: null, inviterEmail: null });
    expect(anonymous.text).toContain('You are invited to join Acme <Labs> & Co as Admin.');
  });

  it('a test invitation says so at the top, in the subject and in the text', async () => {
    const email = await renderInvitation({ ...invitation, isTest: true });
    expect(email.subject).toBe("[Test] You're invited to join Acme <Labs> & Co");
    expect(email.text).toContain('This is a test invitation.');
  });

  it('the preview renders the same component', async () => {
    expect((await renderInvitation(previewProps)).html).toBe(await render(<InvitationEmail {...previewProps} />));
  });
});

describe('the link check', () => {
  it('passes every link of the invitation and sign-in emails built from APP_URL', async () => {
    const emails = [
      await renderInvitation(invitation),
      await renderSignInLink({ url: `${APP}/login/verify?token=t&email=a%40b.example`, host: 'orgdesk.example', expiresInMinutes: 15 }),
    ];
    for (const email of emails) {
      expect(emailLinks(email.html).length).toBeGreaterThan(0);
      expect(checkEmailLinks(email.html, APP)).toEqual([]);
    }
  });

  it('fails a relative link, a link to another host, and an empty one', () => {
    const html =
      '<a href="/invite/x">a</a><a href="https://evil.example/x">b</a><a href="">c</a><a href="https://orgdesk.example/ok?a=1&amp;b=2">d</a>';
    expect(checkEmailLinks(html, APP)).toEqual([
      '/invite/x: not an absolute address',
      'https://evil.example/x: not on https://orgdesk.example',
      '(empty): not an absolute address',
    ]);
  });
});
