import { LlmAgent, Runner } from '../../../src/agents/runtime/index.js';
import type { SessionStore } from '../../../src/agents/sessions/index.js';
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
const noStore: SessionStore = { load: async () => undefined, save: async () => {}, delete: async () => {}, list: async () => [] };
const N = Number(process.argv[2] ?? 3000);
for (const stream of [false, true]) {
  const agent = new LlmAgent({ name: 'b', description: 'b', instruction: 'x', model: new ScriptedModel(script), tools: [lookup], stream });
  const direct = async () => {
    const ctx = { runId: 'r', trusted: { tenantId: 't' }, session: createSession({ tenantId: 't', contactId: 'c', sessionId: 's' }), signal: new AbortController().signal, deadline: Infinity, startedAt: Date.now(), userMessage: 'hi' };
    for await (const _ of agent.run(ctx)) { }
  };
  const runner = new Runner({ sessions: noStore });
  const viaRunner = async () => { await runner.execute(agent, { message: 'hi', tenantId: 't' }); };
  for (const [label, fn] of [['direct', direct], ['runner', viaRunner], ['direct', direct], ['runner', viaRunner]] as const) {
    for (let i = 0; i < 300; i++) await fn();
    const t = performance.now();
    for (let i = 0; i < N; i++) await fn();
    console.log(stream ? 'stream' : 'generate', label, (((performance.now() - t) / (N * 3)) * 1000).toFixed(1), 'µs/turn');
  }
}
