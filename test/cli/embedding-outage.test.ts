import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { HttpMetrics } from '../../src/bridge/index.js';
import { openCrmStore } from '../../src/servers/store/index.js';
import { createEmbedder, logger } from '../../src/shared/index.js';
import { embeddingFallbacks } from '../../src/shared/telemetry/embedding-metrics.js';
import {
  createTestModels,
  type MockLlm,
  type MockLlmRequest,
  type MockTurn,
  startMockLlm,
} from '../support/mock-llm/index.js';
import { createSeededApp, type SeededApp } from '../support/seeded-app.js';

let mock: MockLlm;
let seeded: SeededApp;

const named = (request: MockLlmRequest, bare: string): string => {
  const tool = request.tools.find((t) => t.name === bare || t.name.endsWith(`__${bare}`));
  if (!tool) throw new Error(`not offered: ${bare}`);
  return tool.name;
};

/** Claude: search memory, then answer with what the search said about its signals. */
function claude(request: MockLlmRequest): MockTurn {
  const searched = request.toolResults.find((r) => r.content.includes('"memories"'));
  if (!searched) return { toolCalls: [{ name: named(request, 'search_memory'), input: { query: 'cancelar preço' } }] };
  return { text: 'Entendo, vamos resolver isso juntos.' };
}

async function fallbacks(consumer: string): Promise<number> {
  const metric = await embeddingFallbacks.get();
  return metric.values.filter((v) => v.labels.consumer === consumer).reduce((sum, v) => sum + v.value, 0);
}

beforeAll(async () => {
  mock = await startMockLlm();
  seeded = await createSeededApp({
    model: createTestModels(mock).anthropic,
    env: { GEMINI_API_KEY: 'test-key', GEMINI_BASE_URL: mock.geminiBaseUrl },
  });
}, 60_000);

afterAll(async () => {
  await seeded?.close();
  await mock?.close();
});

beforeEach(() => {
  mock.reset();
  // Gemini embeddings answer 500 from here on (every retry too): an outage, not a blip.
  mock.failEmbeddings(500);
});

describe('an embedding outage never fails a run (Gemini embeddings configured, Claude answering)', () => {
  it('starts on Gemini embeddings', () => {
    expect(seeded.app.deps.embedder.id).toMatch(/^gemini:/);
  });

  it('routes with the local twin and answers with Claude, with warnings and metrics', async () => {
    mock.setHandler(claude);
    const warn = vi.spyOn(logger, 'warn');
    const [routerBefore, memoryBefore] = [await fallbacks('router'), await fallbacks('memory_search')];
    try {
      const result = await seeded.app.execute({
        agent: 'auto',
        message: 'Quero cancelar, está muito caro',
        tenantId: 'tenant-demo',
        contactId: 'contact-carlos',
      });
      expect(result.response).toBe('Entendo, vamos resolver isso juntos.');
      expect(result.agent_used).toBe('retention_churn');
      const search = result.tool_calls.find((c) => c.tool_name === 'search_memory');
      expect(search?.is_error).toBe(false);
      expect(JSON.parse(search?.output ?? '{}').metadata.warning).toMatch(/keyword and graph/);
      expect(await fallbacks('router')).toBe(routerBefore + 1);
      // Two searches fell back: the host's memory context (similar past sessions) and the model's search_memory.
      expect(await fallbacks('memory_search')).toBe(memoryBefore + 2);
      const warned = warn.mock.calls.map((c) => c[0] as { consumer?: string });
      expect(warned.map((w) => w.consumer)).toEqual(expect.arrayContaining(['router', 'memory_search']));
      // Gemini was asked (and failed); Claude answered.
      expect(mock.requests.some((r) => r.kind === 'embed')).toBe(true);
      expect(mock.requests.filter((r) => r.kind === 'chat').every((r) => r.provider === 'anthropic')).toBe(true);
    } finally {
      warn.mockRestore();
    }
  }, 60_000);

  it('memory search returns keyword and graph results with a warning, even in VECTOR_ONLY mode', async () => {
    for (const mode of ['HYBRID', 'VECTOR_ONLY'] as const) {
      const result = await seeded.app.host.callTool(
        'memory__search_memory',
        { query: 'cancelar preço', mode },
        { tenantId: 'tenant-demo', contactId: 'contact-carlos' },
      );
      expect(result.isError).toBeFalsy();
      const found = result.structured as {
        memories: unknown[];
        metadata: { vector_weight: number; vector_matches: number; warning?: string };
      };
      expect(found.memories.length).toBeGreaterThan(0);
      expect(found.metadata).toMatchObject({ vector_weight: 0, vector_matches: 0 });
      expect(found.metadata.warning).toMatch(/unavailable/);
    }
  }, 60_000);

  it('stores a memory without a vector instead of failing the write', async () => {
    const before = await fallbacks('memory_write');
    const stored = await seeded.app.host.callTool(
      'memory__store_memory',
      { content: 'Cliente pediu desconto durante a queda do embedder', memory_type: 'note' },
      { tenantId: 'tenant-demo', contactId: 'contact-carlos' },
    );
    expect(stored.isError).toBeFalsy();
    expect(await fallbacks('memory_write')).toBe(before + 1);
    const pending = seeded.app.deps.store.memories.countPendingEmbedding(seeded.app.deps.embedder.id);
    expect(pending).toBeGreaterThan(0);
  }, 60_000);

  it('opens the store with memories still to embed, deferring them instead of refusing to start', async () => {
    const before = await fallbacks('memory_write');
    const embedder = createEmbedder({ GEMINI_API_KEY: 'test-key', GEMINI_BASE_URL: mock.geminiBaseUrl });
    const store = await openCrmStore({ path: join(seeded.dataDir, 'crm.db'), embedder });
    try {
      expect(store.memories.countPendingEmbedding(embedder.id)).toBeGreaterThan(0);
      expect(await fallbacks('memory_write')).toBe(before + 1);
    } finally {
      store.close();
    }
  }, 60_000);

  it('exposes the counter on /metrics', async () => {
    const text = await new HttpMetrics().registry.metrics();
    expect(text).toMatch(/ventros_embedding_fallbacks_total\{consumer="router",embedder="gemini:[^"]+"\} [1-9]/);
  });
});
