import { CHECKS } from '@/lib/checks/registry';
import { TOPICS, TOPIC_TITLES } from '@/lib/checks/types';

export default function HomePage() {
  return (
    <main className="mx-auto max-w-4xl p-8">
      <h1 className="text-3xl font-semibold">Drydock</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-300">
        How ready each application is to run well on Kubernetes — and the patches that close the gaps.
      </p>
      <h2 className="mt-8 text-xl font-semibold">What Drydock checks</h2>
      <ul className="mt-4 grid gap-3 sm:grid-cols-2">
        {TOPICS.map((t) => (
          <li key={t} className="rounded border border-slate-200 p-4 dark:border-slate-800">
            <div className="font-medium">{TOPIC_TITLES[t]}</div>
            <div className="text-sm text-slate-500">{CHECKS.filter((c) => c.topic === t).length} checks</div>
          </li>
        ))}
      </ul>
      <p className="mt-8 text-sm text-slate-500">
        Scan manifests from the command line: <code>drydock scan examples/</code>
      </p>
    </main>
  );
}
