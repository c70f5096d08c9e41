'use client';
import { ErrorState } from '@/components/ui/states';
import { buttonClass } from '@/components/ui/card';

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <ErrorState title="This page could not be shown">
      <p>{error.message || 'An unexpected error happened on the server.'}</p>
      {error.digest && <p className="mt-1 font-mono text-xs">digest {error.digest}</p>}
      <button type="button" className={`${buttonClass} mt-3`} onClick={reset}>
        Try again
      </button>
    </ErrorState>
  );
}
