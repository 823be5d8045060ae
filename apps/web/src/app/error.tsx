'use client';

import { ErrorView } from '../components/error-view';

// Next.js passes `retry` (re-fetch and re-render this segment) to error boundaries.
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorView error={error} retry={retry} />;
}
