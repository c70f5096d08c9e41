/**
 * Recognising credentials written as literal values (config topic; read by the DNS and inline-env
 * checks too, so that they never quote a credential). Nothing here returns or logs a value: the
 * results name the variable and the *kind* of credential only.
 *
 * Why literals matter: a value in the pod spec is stored in the workload object, in every
 * ReplicaSet revision, in `kubectl.kubernetes.io/last-applied-configuration`, in Git and in every
 * dump of the manifest; anyone with `get` on Deployments reads it.
 * https://kubernetes.io/docs/concepts/configuration/secret/#alternatives-to-secrets
 */

/**
 * Credential words (checks.md Conventions). Multi-word entries match consecutive words of the name.
 * Plurals do not match: `MAX_TOKENS` is an LLM setting, not a token.
 */
const CREDENTIAL_WORDS: readonly (readonly string[])[] = [
  ['PASSWORD'],
  ['PASSWD'],
  ['SECRET'],
  ['TOKEN'],
  ['API', 'KEY'],
  ['APIKEY'],
  ['PRIVATE', 'KEY'],
  ['ACCESS', 'KEY'],
  ['CREDENTIAL'],
  ['AUTH', 'KEY'],
];

/** Names ending like this hold a location, a size or a time about the credential, not the credential. */
const NON_CREDENTIAL_SUFFIXES = ['FILE', 'PATH', 'DIR', 'NAME', 'URL', 'URI', 'ENDPOINT', 'SIZE', 'LENGTH', 'TTL', 'TIMEOUT'];

/**
 * Words of an env name: split on `_`, `-`, `.` and on camelCase boundaries (`dbPassword` → DB, PASSWORD),
 * upper-cased. A word is a whole segment: `PASSWORDLESS_LOGIN` has the word PASSWORDLESS, not PASSWORD
 * (a setting *about* having no password), so it does not match.
 */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[_.\-\s]+/)
    .filter(Boolean)
    .map((w) => w.toUpperCase());
}

/**
 * Memo for the pure string predicates below: every app of a scan asks about the same env names,
 * config lines and values again and again (the config and DNS checks each read every env entry).
 * Bounded: cleared when full, so a scan of huge config files cannot grow it without limit.
 */
function memo<T>(fn: (s: string) => T, maxEntries = 20_000, maxKeyLength = 512): (s: string) => T {
  const cache = new Map<string, T>();
  return (s: string): T => {
    if (s.length > maxKeyLength) return fn(s);
    const hit = cache.get(s);
    if (hit !== undefined || cache.has(s)) return hit as T;
    const v = fn(s);
    if (cache.size >= maxEntries) cache.clear();
    cache.set(s, v);
    return v;
  };
}

/** Whether an env name is credential-like (checks.md "Credential-like names"). */
export const isCredentialName: (name: string) => boolean = memo(credentialNameUncached);

function credentialNameUncached(name: string): boolean {
  if (name.includes('<CHANGE-ME: ')) return false; // a placeholder a fix wrote, awaiting the owner's choice
  const words = nameWords(name);
  if (!words.length) return false;
  if (NON_CREDENTIAL_SUFFIXES.includes(words[words.length - 1]!)) return false;
  return CREDENTIAL_WORDS.some((pattern) => words.some((_, i) => pattern.every((p, j) => words[i + j] === p)));
}

export interface CredentialValueKind {
  /** Stable id for evidence. */
  id: 'pem-private-key' | 'jwt' | 'aws-access-key' | 'github-token' | 'slack-token' | 'slack-webhook' | 'google-api-key' | 'stripe-key' | 'url-password';
  /** Human phrase for messages: "a PEM private key". */
  label: string;
}

/** Patterns of well-known credential formats. Each is anchored on a prefix the issuer documents. */
const VALUE_PATTERNS: { kind: CredentialValueKind; re: RegExp }[] = [
  { kind: { id: 'pem-private-key', label: 'a PEM private key' }, re: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/ },
  // header.payload.signature, both JSON parts base64url of "{"…  → "eyJ".
  { kind: { id: 'jwt', label: 'a JWT' }, re: /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/ },
  // Long-term (AKIA) and temporary (ASIA) access key IDs.
  { kind: { id: 'aws-access-key', label: 'an AWS access key ID' }, re: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { kind: { id: 'github-token', label: 'a GitHub token' }, re: /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})\b/ },
  { kind: { id: 'slack-token', label: 'a Slack token' }, re: /\bxox[baprs]-[A-Za-z0-9-]{10,}/ },
  // The path of an incoming-webhook URL is the credential.
  { kind: { id: 'slack-webhook', label: 'a Slack webhook URL' }, re: /hooks\.slack\.com\/services\/T[A-Za-z0-9]+\/B[A-Za-z0-9]+\/[A-Za-z0-9]{8,}/ },
  { kind: { id: 'google-api-key', label: 'a Google API key' }, re: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { kind: { id: 'stripe-key', label: 'a Stripe secret key' }, re: /\b[rs]k_live_[0-9A-Za-z]{20,}\b/ },
];

/** A `$(VAR)` (Kubernetes) or `${VAR}` (shell/app templating) reference. */
const REFERENCE = /\$\([A-Za-z_][A-Za-z0-9_.-]*\)|\$\{[A-Za-z_][A-Za-z0-9_.:-]*\}/g;

/** `scheme://user:password@` with a password that is not just a `$(VAR)` reference. */
function urlPassword(value: string): boolean {
  const re = /\b[a-zA-Z][a-zA-Z0-9+.-]*:\/\/([^\s/@:]*):([^\s/@]+)@/g;
  for (const m of value.matchAll(re)) {
    const password = m[2]!;
    if (password.replace(REFERENCE, '').length > 0) return true;
  }
  return false;
}

const URL_PASSWORD: CredentialValueKind = { id: 'url-password', label: 'a URL with an embedded password' };

/** The kind of credential a value holds, or null. The value itself is never part of the answer. */
export const credentialValueKind: (value: string) => CredentialValueKind | null = memo(credentialValueKindUncached);

function credentialValueKindUncached(value: string): CredentialValueKind | null {
  for (const p of VALUE_PATTERNS) if (p.re.test(value)) return p.kind;
  if (urlPassword(value)) return URL_PASSWORD;
  return null;
}

/** A value made only of `$(VAR)` / `${VAR}` references: composed at run time, not a literal. */
export function isOnlyReferences(value: string): boolean {
  return value.trim() !== '' && value.replace(REFERENCE, '').trim() === '';
}

/**
 * Values under a credential-like name that plainly are not the credential: switches
 * (`AUTH_TOKEN_ENABLED`-style values that slipped past the name rule: `true`, `off`…) and absolute
 * file paths (`DB_PASSWORD=/run/secrets/db` points at a file; the secret is elsewhere).
 */
function isPlainlyNotACredential(value: string): boolean {
  const v = value.trim();
  if (/^(true|false|yes|no|on|off|enabled|disabled|none|null)$/i.test(v)) return true;
  if (/^\/[\w./-]*$/.test(v)) return true;
  return false;
}

export type CredentialLiteral = { by: 'name' } | { by: 'value'; kind: CredentialValueKind };

/**
 * Whether an env entry (`{ name, value }`) is a credential written as a literal, and why.
 * An empty value never fires; a value made only of `$(VAR)` references is not a literal.
 */
export function credentialLiteral(name: string, rawValue: unknown): CredentialLiteral | null {
  if (typeof rawValue !== 'string' || rawValue.length > 512) return credentialLiteralUncached(name, rawValue);
  // Memo per name, then per value: the same entries recur across the apps of a scan.
  let byValue = credentialLiteralMemo.get(name);
  if (!byValue) {
    if (credentialLiteralMemo.size >= 20_000) credentialLiteralMemo.clear();
    byValue = new Map();
    credentialLiteralMemo.set(name, byValue);
  }
  let hit = byValue.get(rawValue);
  if (hit === undefined) {
    hit = credentialLiteralUncached(name, rawValue);
    if (byValue.size < 1_000) byValue.set(rawValue, hit);
  }
  return hit;
}

/** Answers are shared, read-only objects. */
const credentialLiteralMemo = new Map<string, Map<string, CredentialLiteral | null>>();

const BY_NAME: CredentialLiteral = { by: 'name' };

function credentialLiteralUncached(name: string, rawValue: unknown): CredentialLiteral | null {
  if (rawValue === undefined || rawValue === null) return null;
  const value = typeof rawValue === 'string' ? rawValue : typeof rawValue === 'number' || typeof rawValue === 'boolean' ? String(rawValue) : null;
  if (value === null || value.trim() === '') return null;
  const kind = credentialValueKind(value);
  if (kind) return { by: 'value', kind };
  if (isOnlyReferences(value)) return null;
  if (isCredentialName(name) && !isPlainlyNotACredential(value)) return BY_NAME;
  return null;
}

/** An env entry's literal value as a string (YAML may give numbers/booleans), or null when it has none. */
export function literalValue(entry: unknown): string | null {
  if (!entry || typeof entry !== 'object') return null;
  const e = entry as Record<string, unknown>;
  if (e.valueFrom !== undefined && e.valueFrom !== null) return null;
  const v = e.value;
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

/** Whether an env entry is a credential literal (for checks that must skip or never quote those). */
export function isCredentialEntry(entry: unknown): boolean {
  if (!entry || typeof entry !== 'object') return false;
  const e = entry as Record<string, unknown>;
  const value = literalValue(e);
  return value !== null && typeof e.name === 'string' && credentialLiteralOfEntry(e, e.name, value) !== null;
}

/**
 * credentialLiteral(name, value) of an env entry object, remembered per entry: the config checks
 * each ask about every entry of every container. A hit must see the same name and value again.
 */
export function credentialLiteralOfEntry(entry: object, name: string, value: string): CredentialLiteral | null {
  const hit = entryVerdicts.get(entry);
  if (hit && hit.name === name && hit.value === value) return hit.lit;
  const lit = credentialLiteral(name, value);
  entryVerdicts.set(entry, { name, value, lit });
  return lit;
}

const entryVerdicts = new WeakMap<object, { name: string; value: string; lit: CredentialLiteral | null }>();

/**
 * A line of a config file that assigns a credential-like key (`password: …`, `"apiKey": …`,
 * `db.secret=…`): readers of mounted config skip such lines so that no value from them can
 * end up in a message.
 */
export const isCredentialAssignmentLine: (line: string) => boolean = memo(credentialAssignmentLineUncached);

function credentialAssignmentLineUncached(line: string): boolean {
  for (const m of line.matchAll(/([A-Za-z0-9_.-]+)["']?\s*[:=]/g)) if (isCredentialName(m[1]!)) return true;
  for (const m of line.matchAll(/(?:^|\s)--?([A-Za-z0-9_.-]+)(?=\s|$)/g)) if (isCredentialName(m[1]!)) return true;
  return credentialValueKind(line) !== null;
}
