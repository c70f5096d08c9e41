/** Small status tags of the fleet views (contrast-checked in both themes, like components/ui/badges). */
const tag = 'inline-flex items-center whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-semibold';
export const SKEW_TAG = `${tag} bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200`;
export const ROLLOUT_TAG = `${tag} bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200`;
export const OK_TAG = `${tag} bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200`;
export const MUTED_TAG = `${tag} bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300`;
