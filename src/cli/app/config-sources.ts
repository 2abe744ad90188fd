import { existsSync } from 'node:fs';
import type { Model } from '../../agents/model/index.js';
import { createModel } from '../../agents/providers/index.js';
import { type HostConfig, loadHostConfig, parseHostConfig } from '../../host/index.js';
import { SERVER_NAMES } from '../../servers/registry.js';
import { type Env, logger } from '../../shared/index.js';

/**
 * The MCP config: the given file (which must exist), else the default file when present, else every
 * builtin server in process — so `ventros run` works from any directory.
 */
export async function hostConfig(explicitPath: string | undefined, defaultPath: string): Promise<HostConfig> {
  if (explicitPath !== undefined) return loadHostConfig(explicitPath);
  if (existsSync(defaultPath)) return loadHostConfig(defaultPath);
  return builtinHostConfig();
}

/** Every tool server of this package, in process (`{ "builtin": "<name>" }` each). */
export function builtinHostConfig(): HostConfig {
  const mcpServers = Object.fromEntries(SERVER_NAMES.map((name) => [name, { builtin: name }]));
  return parseHostConfig({ mcpServers }, 'builtin servers');
}

/** A template's own model when it can be built; otherwise (no key, offline process) the default. */
export function defaultModelFor(fallback: Model, env: Env): (spec: string) => Model | undefined {
  const cache = new Map<string, Model | undefined>();
  return (spec) => {
    if (fallback.provider === 'offline') return undefined;
    if (!cache.has(spec)) {
      try {
        cache.set(spec, createModel(spec, env));
      } catch (error) {
        logger.warn({ spec, err: error }, 'template model unavailable; using the default model');
        cache.set(spec, undefined);
      }
    }
    return cache.get(spec);
  };
}
