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
    text = await readFile(path, 'utf8');
  } catch {
    if (file) throw new ConfigError(`${file}: cannot read the config file`);
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
