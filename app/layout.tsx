import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { Suspense, type ReactNode } from 'react';
import { NavLinks } from '@/components/layout/nav-links';
import { THEME_SCRIPT, ThemeToggle } from '@/components/layout/theme-toggle';
import { Providers } from '@/components/providers';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Drydock — Kubernetes readiness', template: '%s · Drydock' },
  description: 'How ready each application is to run well on Kubernetes, and the patches that close the gaps.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-slate-900">
          Skip to content
        </a>
        <Providers>
          <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/95 backdrop-blur dark:border-slate-800 dark:bg-slate-900/95">
            <nav aria-label="Main" className="mx-auto flex max-w-[1400px] flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2">
              <Link href="/" className="flex items-center gap-2 rounded-md font-semibold focus-visible:outline-2 focus-visible:outline-sky-600">
                <svg aria-hidden="true" viewBox="0 0 24 24" className="h-6 w-6 text-sky-600" fill="currentColor">
                  <path d="M3 14h18l-2.5 6h-13zM6 12V6h4v6zm5 0V3h4v9zm5 0V8h3v4z" />
                </svg>
                <span>Drydock</span>
              </Link>
              <Suspense fallback={null}>
                <NavLinks />
              </Suspense>
              <div className="ml-auto">
                <ThemeToggle />
              </div>
            </nav>
          </header>
          <main id="main" className="mx-auto max-w-[1400px] px-4 py-6">
            {children}
          </main>
        </Providers>
      </body>
    </html>
  );
}
