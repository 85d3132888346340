import { NotFoundMessage } from '@/components/errors/not-found-message';

/** Inside the console's layout: the header and navigation stay, for a signed-in builder. */
export default function ConsoleNotFound() {
  return <NotFoundMessage />;
}
