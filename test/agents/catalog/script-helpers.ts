import { afterAll, beforeAll } from 'vitest';
import type { ModelRequest } from '../../../src/agents/model/index.js';
import { ScriptedModel, type ScriptedReply } from '../../support/scripted-model.js';
import { createSeededApp, type SeededApp, toolName } from '../../support/seeded-app.js';

/** `retention__create_retention_offer` → `create_retention_offer`. */
export function bare(name: string): string {
  const at = name.lastIndexOf('__');
  return at >= 0 ? name.slice(at + 2) : name;
}

/** Every tool result the agent has seen so far in this request, by bare tool name (last one wins). */
export function resultsSoFar(request: ModelRequest): Map<string, { content: unknown; isError: boolean }> {
  const results = new Map<string, { content: unknown; isError: boolean }>();
  for (const message of request.messages) {
    for (const part of message.content) {
      if (part.type !== 'tool_result') continue;
      let content: unknown = part.content;
      try {
        content = JSON.parse(part.content);
      } catch {
        // a plain-text result (agent tools, errors)
      }
      results.set(bare(part.toolName), { content, isError: part.isError === true });
    }
  }
  return results;
}

/** A reply calling one tool by its bare name (resolved to the name the model was offered). */
export function call(request: ModelRequest, tool: string, args: Record<string, unknown> = {}): ScriptedReply {
  return { toolCalls: [{ name: toolName(request, tool), args }] };
}

/** A field of a parsed JSON result. */
export function field<T = unknown>(value: unknown, ...path: string[]): T {
  let current = value;
  for (const key of path) current = (current as Record<string, unknown> | undefined)?.[key];
  return current as T;
}

/** A seeded app whose model plays `script` (set it per test); opened before the suite, closed after. */
export interface ScriptedSuite {
  readonly seeded: SeededApp;
  /** The scripted model (its `requests` are what the agent sent). */
  readonly model: ScriptedModel;
  script: (request: ModelRequest) => ScriptedReply | string;
}

/** Call inside a `describe`: the seeded app with a scripted model, as every specialist suite uses it. */
export function scriptedSuite(): ScriptedSuite {
  const suite: { seeded?: SeededApp; model?: ScriptedModel; script: ScriptedSuite['script'] } = {
    script: () => 'unused',
  };
  const model = new ScriptedModel((request) => suite.script(request));
  suite.model = model;
  beforeAll(async () => {
    suite.seeded = await createSeededApp({ model });
  });
  afterAll(async () => {
    await suite.seeded?.close();
  });
  return suite as ScriptedSuite;
}
