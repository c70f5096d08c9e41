import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { ZodError } from 'zod';
import { DEFAULT_CONFIG } from './defaults';
import { configFromObject } from './schema';
import type { DrydockConfig } from './types';

export class ConfigError extends Error {}

/** Read `drydock.config.yaml` (or the given path). A missing default file means defaults. */
export async function loadConfig(file?: string): Promise<DrydockConfig> {
  const path = file ?? 'drydock.config.yaml';
  let text: string;
  try {
    // A path chosen at run time: tell Turbopack not to trace the whole project for it.
    text = await readFile(/* turbopackIgnore: true */ path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // Only a missing default file means "use the defaults"; anything else is worth saying.
    if (file || code !== 'ENOENT') throw new ConfigError(`${path}: cannot read the config file (${code ?? (e as Error).message})`);
    return DEFAULT_CONFIG;
  }
  return configFromText(text, path);
}

export function configFromText(text: string, path = 'drydock.config.yaml'): DrydockConfig {
  let raw: unknown;
  try {
    raw = parse(text, { maxAliasCount: 100 });
  } catch (e) {
    throw new ConfigError(`${path}: not valid YAML (${(e as Error).message.split('\n')[0]})`);
  }
  try {
    return configFromObject(raw);
  } catch (e) {
    if (e instanceof ZodError) {
      const issues = e.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`).join('; ');
      throw new ConfigError(`${path}: ${issues}`);
    }
    throw e;
  }
}
