'use client';

/** A sortable column header: a button that says how the column is sorted (aria-sort). */
export function SortHeader({ label, active, dir, onClick, numeric = false, className = '' }: { label: string; active: boolean; dir: 'asc' | 'desc'; onClick: () => void; numeric?: boolean; className?: string }) {
  return (
    <th scope="col" aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'} className={`px-2 py-1.5 font-medium ${numeric ? 'text-right' : 'text-left'} ${className}`}>
      <button type="button" onClick={onClick} className="inline-flex items-center gap-1 rounded hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-sky-600 dark:hover:text-slate-100">
        {label}
        <span aria-hidden="true" className={active ? '' : 'opacity-30'}>
          {active ? (dir === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}
