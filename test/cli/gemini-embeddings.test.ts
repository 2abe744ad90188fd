import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockLlm, startMockLlm } from '../support/mock-llm/index.js';
import { createSeededApp, type SeededApp } from '../support/seeded-app.js';

let mock: MockLlm;
let seeded: SeededApp;

beforeAll(async () => {
  mock = await startMockLlm();
  seeded = await createSeededApp({
    env: { VENTROS_MODEL: 'offline', GEMINI_API_KEY: 'test-key', GEMINI_BASE_URL: mock.geminiBaseUrl },
  });
}, 60_000);

afterAll(async () => {
  await seeded?.close();
  await mock?.close();
});

describe('with GEMINI_API_KEY, memory and routing use Gemini embeddings', () => {
  it('stores memories with the Gemini embedder id and embeds through the Gemini API', async () => {
    expect(seeded.app.deps.embedder.id).toMatch(/^gemini:/);
    const embeds = mock.requests.filter((r) => r.kind === 'embed');
    expect(embeds.length).toBeGreaterThan(0);
    expect(embeds.every((r) => r.headers['x-goog-api-key'] === 'test-key')).toBe(true);
    // The seed's memories and the router's intent examples were both embedded remotely.
    const texts = embeds.flatMap((r) => r.texts);
    expect(texts.some((t) => t.includes('Carlos'))).toBe(true);
  });

  it('searches memory with a query embedded by Gemini', async () => {
    const before = mock.requests.length;
    const result = await seeded.app.host.callTool(
      'memory__search_memory',
      { query: 'cancelar preço', mode: 'VECTOR_ONLY' },
      { tenantId: 'tenant-demo', contactId: 'contact-carlos' },
    );
    expect(result.isError).toBeFalsy();
    expect((result.structured as { memories: unknown[] }).memories.length).toBeGreaterThan(0);
    expect(mock.requests.slice(before).some((r) => r.kind === 'embed' && r.texts.includes('cancelar preço'))).toBe(
      true,
    );
  });
});
