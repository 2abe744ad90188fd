import { describe, expect, it, vi } from 'vitest';
import {
  effectiveFlags,
  loadMemoryContext,
  MEMORY_CALL_TIMEOUT_MS,
} from '../../../../src/agents/catalog/memory-context/index.js';
import { scope } from '../../../../src/agents/catalog/template-parts.js';
import type { Tool, ToolResult } from '../../../../src/agents/tool.js';
import { DeadlineExceededError } from '../../../../src/shared/index.js';

const NOW = Date.now();
const daysAgo = (d: number) => new Date(NOW - d * 86_400_000).toISOString();

const memory = (contact_id: string, memory_type: string, content: string, days: number, agent_id?: string) => ({
  contact_id,
  memory_type,
  content,
  relevance_score: 0.7,
  created_at: daysAgo(days),
  metadata: agent_id ? { agent_id } : {},
});

/** A memory tool answering with a fixed payload, recording its arguments. */
function fakeTool(name: string, payload: unknown, calls: Array<Record<string, unknown>>): Tool {
  return {
    name,
    description: name,
    inputSchema: { type: 'object' },
    async execute(args): Promise<ToolResult> {
      calls.push(args);
      return { content: JSON.stringify(payload) };
    },
  };
}

function tools() {
  const calls = { context: [] as Array<Record<string, unknown>>, search: [] as Array<Record<string, unknown>> };
  const contactContext = {
    profile: {
      contact_id: 'c-1',
      custom_fields: { lead_stage: 'proposal', lead_score: '78', lead_source: 'instagram' },
    },
    recent_memories: [
      memory('c-1', 'purchase', 'Comprou o plano Pro', 10, 'agent-joao'),
      memory('c-1', 'preference', 'Prefere e-mail', 20, 'agent-maria'),
      memory('c-1', 'note', 'Nota antiga', 400),
      memory('c-2', 'preference', 'DADO-DE-OUTRO-CONTATO', 1),
    ],
    recent_messages: [
      { content: 'Oi', is_inbound: true, sent_at: daysAgo(2) },
      { content: 'Olá! Como posso ajudar?', is_inbound: false, sent_at: daysAgo(2) },
    ],
    graph: {
      nodes: [
        { id: 'camp-1', type: 'campaign', properties: { label: 'Google Ads', channel: 'google' } },
        { id: 'agent-joao', type: 'agent', properties: { label: 'João' } },
        { id: 'agent-maria', type: 'agent', properties: { label: 'Maria' } },
      ],
      edges: [
        { from_id: 'c-1', to_id: 'camp-1', to_type: 'campaign', relationship: 'came_from' },
        { from_id: 'c-1', to_id: 'agent-joao', to_type: 'agent', relationship: 'handled_by' },
        { from_id: 'c-1', to_id: 'agent-maria', to_type: 'agent', relationship: 'assigned_to' },
      ],
    },
    stats: { sentiment_average: 0.1, last_activity: daysAgo(2) },
  };
  const search = {
    memories: [
      memory('c-1', 'session_summary', 'Sessão com João sobre preço', 5, 'agent-joao'),
      memory('c-1', 'session_summary', 'Sessão com Maria sobre suporte', 6, 'agent-maria'),
      memory('c-2', 'session_summary', 'SESSAO-DE-OUTRO-CONTATO', 1, 'agent-joao'),
    ],
  };
  return {
    calls,
    tools: {
      getContactContext: fakeTool('get_contact_context', contactContext, calls.context),
      searchMemory: fakeTool('search_memory', search, calls.search),
    },
  };
}

const context = { tenantId: 't', contactId: 'c-1', agentName: 'x', state: {} };
const ctx = () => ({ ...context, signal: new AbortController().signal });

describe('loadMemoryContext: the knowledge-scope flags', () => {
  it('include_all turns every flag on', () => {
    expect(Object.values(effectiveFlags(scope({ include_all: true, include_sessions: false })))).toEqual(
      Array(7).fill(true),
    );
    expect(effectiveFlags(scope({})).events).toBe(false);
  });

  it('shows campaign, tracking, pipeline, agents and events only when their flags ask, and never another contact', async () => {
    const { tools: t, calls } = tools();
    const bare = await loadMemoryContext(t, scope({ lookback_days: 90, include_messages: true }), 'preço', ctx());
    expect(bare.contact).toEqual({ totalSessions: 0, avgSentiment: 0.1, lastInteraction: expect.any(String) });
    expect(calls.context[0]).toMatchObject({ include_graph: false });

    const all = await loadMemoryContext(t, scope({ lookback_days: 90, include_all: true }), 'preço', ctx());
    expect(calls.context[1]).toMatchObject({ include_graph: true });
    expect(all.contact).toMatchObject({
      campaignSource: 'Google Ads',
      tracking: 'source=instagram, channel=google',
      pipeline: 'proposal (score 78)',
      agents: ['João', 'Maria'],
      events: [expect.stringContaining('purchase: Comprou o plano Pro')],
    });
    expect(all.recentMessages.map((m) => m.role)).toEqual(['customer', 'agent']);
    expect(all.similarSessions.map((s) => s.summary)).toEqual([
      'Sessão com João sobre preço',
      'Sessão com Maria sobre suporte',
    ]);
    expect(all.facts).toEqual([{ type: 'preference', text: 'Prefere e-mail' }]); // 400 days old is outside 90
    expect(JSON.stringify(all)).not.toMatch(/OUTRO-CONTATO/);
  });

  it('agent_ids keeps only those agents’ sessions, memories and transfers', async () => {
    const { tools: t } = tools();
    const data = await loadMemoryContext(
      t,
      scope({ lookback_days: 90, include_all: true, agent_ids: ['agent-joao'] }),
      'por que',
      ctx(),
    );
    expect(data.similarSessions.map((s) => s.summary)).toEqual(['Sessão com João sobre preço']);
    expect(data.contact?.agents).toEqual(['João']);
    expect(data.facts).toEqual([]); // Maria's preference is left out
    expect(data.contact?.events).toEqual([expect.stringContaining('Comprou o plano Pro')]);
  });

  it('reads nothing without a trusted contact, and goes on without a failing tool', async () => {
    const { tools: t, calls } = tools();
    const none = await loadMemoryContext(t, scope({ include_all: true }), 'oi', {
      ...ctx(),
      contactId: undefined as never,
    });
    expect(none).toEqual({ recentMessages: [], similarSessions: [], facts: [] });
    expect(calls.context).toHaveLength(0);
    const failing: Tool = {
      ...t.searchMemory,
      execute: async () => ({ content: 'memory service down', isError: true }),
    };
    const partial = await loadMemoryContext(
      { ...t, searchMemory: failing },
      scope({ lookback_days: 90, include_all: true }),
      'preço',
      ctx(),
    );
    expect(partial.similarSessions).toEqual([]);
    expect(partial.contact?.pipeline).toBe('proposal (score 78)');
  });

  it('validates every result: fills what a loose memory service leaves out, and drops what does not fit', async () => {
    const { tools: t } = tools();
    const answering = (payload: unknown): Tool => ({
      ...t.getContactContext,
      execute: async () => ({ content: JSON.stringify(payload), structured: payload }),
    });
    const flags = scope({ lookback_days: 90, include_all: true });
    // No recent_memories / recent_messages: the defaults (empty) apply.
    const sparse = await loadMemoryContext(
      { getContactContext: answering({ profile: { contact_id: 'c-1' }, stats: { sentiment_average: 0.4 } }) },
      flags,
      'preço',
      ctx(),
    );
    expect(sparse.contact).toMatchObject({ totalSessions: 0, avgSentiment: 0.4 });
    expect(sparse.recentMessages).toEqual([]);
    // A message whose is_inbound is not a boolean: the whole context is left out.
    const malformed = await loadMemoryContext(
      {
        getContactContext: answering({
          profile: { contact_id: 'c-1' },
          recent_memories: [],
          recent_messages: [{ content: 'Oi', is_inbound: 'yes', sent_at: daysAgo(1) }],
          stats: {},
        }),
      },
      flags,
      'preço',
      ctx(),
    );
    expect(malformed).toEqual({ recentMessages: [], similarSessions: [], facts: [] });
    const notFinite = await loadMemoryContext(
      {
        getContactContext: answering({
          profile: { contact_id: 'c-1' },
          recent_memories: [],
          recent_messages: [],
          stats: { sentiment_average: Number.NaN },
        }),
      },
      flags,
      'preço',
      ctx(),
    );
    expect(notFinite.contact).toBeUndefined();
  });

  it('goes on without a memory call that outlives its deadline', async () => {
    vi.useFakeTimers();
    try {
      const { tools: t } = tools();
      let aborted: unknown;
      const slow: Tool = {
        ...t.searchMemory,
        execute: (_args, context) =>
          new Promise((_resolve, reject) => {
            context.signal.addEventListener('abort', () => {
              aborted = context.signal.reason;
              reject(context.signal.reason);
            });
          }),
      };
      const loading = loadMemoryContext(
        { ...t, searchMemory: slow },
        scope({ lookback_days: 90, include_all: true }),
        'preço',
        ctx(),
      );
      await vi.advanceTimersByTimeAsync(MEMORY_CALL_TIMEOUT_MS);
      const data = await loading;
      expect(aborted).toBeInstanceOf(DeadlineExceededError);
      expect(data.similarSessions).toEqual([]);
      expect(data.contact?.pipeline).toBe('proposal (score 78)');
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('tells the memory calls their deadline (timeoutMs), so a builtin call arms no timer of its own', async () => {
    const { tools: t } = tools();
    const seen: Array<number | undefined> = [];
    const spy = (tool: Tool): Tool => ({
      ...tool,
      execute: (args, context) => {
        seen.push(context.timeoutMs);
        return tool.execute(args, context);
      },
    });
    await loadMemoryContext(
      { getContactContext: spy(t.getContactContext), searchMemory: spy(t.searchMemory) },
      scope({ lookback_days: 90, include_all: true }),
      'preço',
      ctx(),
    );
    expect(seen).toEqual([MEMORY_CALL_TIMEOUT_MS, MEMORY_CALL_TIMEOUT_MS]);
  });
});

describe('loadMemoryContext: the contact graph', () => {
  const deepFreeze = <T>(value: T): T => {
    if (value && typeof value === 'object') {
      for (const inner of Object.values(value)) deepFreeze(inner);
      Object.freeze(value);
    }
    return value;
  };
  const structuredTool = (read: () => Record<string, unknown>): Tool => ({
    name: 'get_contact_context',
    description: 'get_contact_context',
    inputSchema: { type: 'object' },
    async execute() {
      const structured = read();
      return { content: JSON.stringify(structured), structured };
    },
  });
  const contextWith = (agents: string[]) => ({
    profile: { contact_id: 'c-1' },
    recent_memories: [],
    recent_messages: [],
    stats: {},
    graph: {
      nodes: agents.map((id) => ({ id, type: 'agent', properties: { label: id.toUpperCase() } })),
      edges: agents.map((id) => ({ from_id: 'c-1', to_id: id, to_type: 'agent', relationship: 'handled_by' })),
    },
  });
  const load = (tool: Tool) =>
    loadMemoryContext({ getContactContext: tool }, scope({ lookback_days: 90, include_all: true }), '', ctx());

  it('answers a frozen graph handed out again as it did the first time', async () => {
    const kept = deepFreeze(contextWith(['a', 'b']));
    const tool = structuredTool(() => kept);
    expect((await load(tool)).contact?.agents).toEqual(['A', 'B']);
    expect((await load(tool)).contact?.agents).toEqual(['A', 'B']);
  });

  it('reads a graph that is not frozen again each time (it may have changed)', async () => {
    const shared = contextWith(['a', 'b']);
    const tool = structuredTool(() => shared);
    expect((await load(tool)).contact?.agents).toEqual(['A', 'B']);
    shared.graph.edges.pop();
    expect((await load(tool)).contact?.agents).toEqual(['A']);
  });
});
