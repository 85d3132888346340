import { CheckEmailCard } from '@/components/auth/check-email-card';

export const metadata = { title: 'Check your email' };

export default function MemberCheckEmailPage() {
  return <CheckEmailCard intro="We sent you a sign-in link." backHref="/account/login" />;
}
