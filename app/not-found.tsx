import Link from 'next/link';
import { linkClass } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/states';

export default function NotFound() {
  return (
    <EmptyState title="Not found">
      <p>There is no page here.</p>
      <p className="mt-2">
        <Link className={linkClass} href="/">
          Back to the overview
        </Link>
      </p>
    </EmptyState>
  );
}
