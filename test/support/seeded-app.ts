import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Model, ModelRequest } from '../../src/agents/model/index.js';
import { type App, builtinHostConfig, type CreateAppOptions, createApp } from '../../src/cli/create-app.js';

/** An app on a fresh, seeded data dir; `close()` closes it and deletes the dir. */
export interface SeededApp {
  app: App;
  dataDir: string;
  close(): Promise<void>;
}

export interface SeededAppOptions extends Omit<CreateAppOptions, 'dataDir' | 'seedIfEmpty'> {
  /** The model every agent uses (default: the offline policy model). */
  model?: Model;
}

/**
 * The real stack for tests and bridges: a temp data dir, the demo tenants seeded into the CRM store,
 * every builtin tool server in process through the MCP host, SQLite sessions, and the given model.
 * The environment is isolated (no keys are read from the machine): `VENTROS_MODEL=offline` unless
 * `env` says otherwise.
 *
 * @example
 * const seeded = await createSeededApp({ model: new ScriptedModel([...]) });
 * try { await seeded.app.execute({ agent: 'retention_churn', message: 'Quero cancelar', tenantId: 'tenant-demo' }); }
 * finally { await seeded.close(); }
 */
export async function createSeededApp(options: SeededAppOptions = {}): Promise<SeededApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ventros-app-'));
  let app: App;
  try {
    app = await createApp({
      hostConfig: builtinHostConfig(),
      ...options,
      env: { VENTROS_MODEL: 'offline', ...(options.env ?? {}) },
      dataDir,
      seedIfEmpty: true,
    });
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    app,
    dataDir,
    async close() {
      try {
        await app.close();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/** The namespaced name (`retention__create_retention_offer`) of a bare tool name among the request's tools. */
export function toolName(request: ModelRequest, bare: string): string {
  const found = request.tools.find((t) => t.name === bare || t.name.endsWith(`__${bare}`));
  if (!found)
    throw new Error(`the model was not offered "${bare}"; offered: ${request.tools.map((t) => t.name).join(', ')}`);
  return found.name;
}

/** The tool results (parsed JSON when possible) in the request's last user message. */
export function lastToolResults(request: ModelRequest): Array<{ tool: string; content: unknown; isError: boolean }> {
  const last = request.messages.at(-1);
  if (!last) return [];
  return last.content.flatMap((part) => {
    if (part.type !== 'tool_result') return [];
    let content: unknown = part.content;
    try {
      content = JSON.parse(part.content);
    } catch {
      // plain text result
    }
    return [{ tool: part.toolName, content, isError: part.isError === true }];
  });
}
