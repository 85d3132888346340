import { NotFoundMessage } from '@/components/errors/not-found-message';

export default function NotFound() {
  return (
    <main id="main" className="px-6 py-8">
      <NotFoundMessage />
    </main>
  );
}
