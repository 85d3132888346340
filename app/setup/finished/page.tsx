import { AuthCard } from '@/components/auth/auth-card';

export const metadata = { title: 'Test finished' };

/** A setup link's test sign-in answered in a browser that doesn't hold the link. */
export default function SetupTestFinishedPage() {
  return (
    <AuthCard title="The test sign-in finished">
      <p>Go back to the setup page you started the test from, and reload it: the result is shown there under Single sign-on.</p>
    </AuthCard>
  );
}
