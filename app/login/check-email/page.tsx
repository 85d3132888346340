import { CheckEmailCard } from '@/components/auth/check-email-card';

export const metadata = { title: 'Check your email' };

export default function CheckEmailPage() {
  return <CheckEmailCard intro="If that address belongs to a builder, a sign-in link is on its way." backHref="/login" />;
}
