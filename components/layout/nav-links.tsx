'use client';
import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';

const LINKS = [
  { href: '/', label: 'Overview', match: (p: string) => p === '/' },
  { href: '/apps', label: 'Apps', match: (p: string) => p.startsWith('/apps') },
  { href: '/fleet', label: 'Fleet', match: (p: string) => p.startsWith('/fleet') },
  { href: '/progress', label: 'Progress', match: (p: string) => p.startsWith('/progress') },
  { href: '/waves', label: 'Waves', match: (p: string) => p.startsWith('/waves') },
  { href: '/checks', label: 'Checks', match: (p: string) => p.startsWith('/checks') },
  { href: '/exemptions', label: 'Exemptions', match: (p: string) => p.startsWith('/exemptions') || p.startsWith('/audit') },
  { href: '/scans', label: 'Scans', match: (p: string) => p.startsWith('/scans') },
];

/** Main navigation; keeps the scan being looked at (`?scan=`) across pages. */
export function NavLinks() {
  const pathname = usePathname();
  const scan = useSearchParams().get('scan');
  return (
    <ul className="flex flex-wrap items-center gap-1">
      {LINKS.map((l) => {
        const active = l.match(pathname);
        const href = scan && l.href !== '/scans' ? `${l.href}?scan=${encodeURIComponent(scan)}` : l.href;
        return (
          <li key={l.href}>
            <Link
              href={href}
              aria-current={active ? 'page' : undefined}
              className={`rounded-md px-2.5 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 ${active ? 'bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900' : 'text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800'}`}
            >
              {l.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
