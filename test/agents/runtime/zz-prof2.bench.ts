import { LlmAgent } from '../../../src/agents/runtime/index.js';
import { createSession } from '../../../src/agents/sessions/index.js';
import { ScriptedModel } from '../../support/scripted-model.js';
import type { ModelRequest } from '../../../src/agents/model/index.js';
function script(request: ModelRequest) {
  const round = request.messages.filter((m) => m.role === 'assistant').length;
  if (round === 0) return { toolCalls: [{ name: 'lookup', args: { q: 'a' } }, { name: 'lookup', args: { q: 'b' } }] };
  if (round === 1) return { toolCalls: [{ name: 'lookup', args: { q: 'c' } }] };
  return 'The customer has two open deals and one overdue invoice.';
}
const lookup = { name: 'lookup', description: 'L', inputSchema: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] }, execute: async (a: Record<string, unknown>) => ({ content: `record ${String(a.q)}` }) };
const agent = new LlmAgent({ name: 'b', description: 'b', instruction: 'x', model: new ScriptedModel(script), tools: [lookup], stream: false });
const t = performance.now();
for (let i = 0; i < 20000; i++) {
  const ctx = { runId: 'r', trusted: { tenantId: 't' }, session: createSession({ tenantId: 't', contactId: 'c', sessionId: 's' }), signal: new AbortController().signal, deadline: Infinity, startedAt: Date.now(), userMessage: 'hi' };
  for await (const _ of agent.run(ctx)) { }
}
console.log((((performance.now() - t) / (20000 * 3)) * 1000).toFixed(1), 'µs/turn');
