/**
 * Per-turn overhead of the runtime's tool loop over a bare SDK-style loop, with the same in-process
 * scripted model and tool (so only the loop itself is measured). Prints figures; asserts nothing.
 *
 *   node --import tsx bench/runtime-overhead.bench.ts [runs]
 */
import type { Message, ModelRequest, ToolResultPart } from '../src/agents/model/index.js';
import { toolUsesOf } from '../src/agents/model/index.js';
import { LlmAgent, Runner } from '../src/agents/runtime/index.js';
import { InMemorySessionStore, type SessionStore } from '../src/agents/sessions/index.js';
import type { Tool } from '../src/agents/tool.js';
import { ScriptedModel } from '../test/support/scripted-model.js';

const RUNS = Number(process.argv[2] ?? 2000);
const TURNS_PER_RUN = 3; // two tool rounds (one with two concurrent calls) and the answer

/** Turn 1: two tool calls; turn 2: one; turn 3: the answer — decided from the request, so any loop can use it. */
function script(request: ModelRequest) {
  const round = request.messages.filter((m) => m.role === 'assistant').length;
  if (round === 0)
    return {
      toolCalls: [
        { name: 'lookup', args: { q: 'a' } },
        { name: 'lookup', args: { q: 'b' } },
      ],
    };
  if (round === 1) return { toolCalls: [{ name: 'lookup', args: { q: 'c' } }] };
  return 'The customer has two open deals and one overdue invoice.';
}

const lookup: Tool = {
  name: 'lookup',
  description: 'Looks a record up',
  inputSchema: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'], additionalProperties: false },
  execute: async (args) => ({ content: `record ${String(args.q)}` }),
};

async function bareLoop(model: ScriptedModel): Promise<void> {
  const messages: Message[] = [{ role: 'user', content: [{ type: 'text', text: 'status?' }] }];
  const tools = [{ name: lookup.name, description: lookup.description, inputSchema: lookup.inputSchema }];
  const context = { tenantId: 't', signal: new AbortController().signal, agentName: 'bare', state: {} };
  for (let i = 0; i < 8; i++) {
    const response = await model.generate({ system: 'x', messages: messages.slice(), tools });
    messages.push({ role: 'assistant', content: response.content });
    const calls = toolUsesOf(response.content);
    if (calls.length === 0) return;
    const results = await Promise.all(calls.map((c) => lookup.execute(c.input, context)));
    messages.push({
      role: 'user',
      content: results.map(
        (r, k): ToolResultPart => ({
          type: 'tool_result',
          toolUseId: calls[k]!.id,
          toolName: 'lookup',
          content: r.content,
        }),
      ),
    });
  }
}

async function time(label: string, fn: () => Promise<void>): Promise<number> {
  for (let i = 0; i < 200; i++) await fn(); // warm-up (JIT, ajv compile)
  const started = performance.now();
  for (let i = 0; i < RUNS; i++) await fn();
  const perTurnUs = ((performance.now() - started) / (RUNS * TURNS_PER_RUN)) * 1000;
  console.log(`${label.padEnd(44)} ${perTurnUs.toFixed(1).padStart(7)} µs/turn`);
  return perTurnUs;
}

// New-session runs use a store that keeps nothing, so thousands of retained sessions do not turn the
// figure into a GC benchmark; the long conversation uses the in-memory store (load, copy, append).
const discard: SessionStore = {
  load: async () => undefined,
  append: async () => {},
  delete: async () => {},
  list: async () => [],
  prune: async () => 0,
};
const runner = new Runner({ sessions: discard });
const conversationRunner = new Runner({ sessions: new InMemorySessionStore() });
const agent = (stream: boolean) =>
  new LlmAgent({
    name: 'bench',
    description: 'b',
    instruction: 'x',
    model: new ScriptedModel(script),
    tools: [lookup],
    stream,
  });
const generateAgent = agent(false);
const streamAgent = agent(true);

const bare = await time('bare loop (model.generate + Promise.all)', () => bareLoop(new ScriptedModel(script)));
const runtime = await time('Runner.execute, new session (generate)', async () => {
  await runner.execute(generateAgent, { message: 'status?', tenantId: 't' });
});
const streamed = await time('Runner.execute, new session (stream)', async () => {
  await runner.execute(streamAgent, { message: 'status?', tenantId: 't' });
});
const sameSession = await time('same, one long conversation (200 msgs)', async () => {
  await conversationRunner.execute(generateAgent, {
    message: 'status?',
    tenantId: 't',
    contactId: 'c',
    sessionId: 'bench',
  });
});

const MODEL_TURN_US = 2000; // a fast real model turn through the mock LLM server is ~2 ms
const ratio = (us: number) => ((MODEL_TURN_US + us) / (MODEL_TURN_US + bare)).toFixed(3);
console.log(
  `\noverhead per turn over the bare loop: generate ${(runtime - bare).toFixed(1)} µs, stream ${(streamed - bare).toFixed(1)} µs, growing session ${(sameSession - bare).toFixed(1)} µs`,
);
console.log(
  `with a ${MODEL_TURN_US / 1000} ms model turn: ${ratio(runtime)}× (generate), ${ratio(streamed)}× (stream), ${ratio(sameSession)}× (growing session) of the bare loop`,
);
