import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GeminiEmbedder } from '../../../src/shared/embedder/gemini-embedder.js';
import { cosine, createEmbedder, LocalEmbedder, VentrosError } from '../../../src/shared/index.js';
import { type MockLlm, startMockLlm } from '../../support/mock-llm/index.js';

let mock: MockLlm;

beforeAll(async () => {
  mock = await startMockLlm();
});
afterAll(async () => {
  await mock.close();
});
beforeEach(() => mock.reset());

const norm = (v: Float32Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

describe('GeminiEmbedder against the mock embedding API', () => {
  it('embeds in batches into unit-length 768-dim vectors, in order', async () => {
    const embedder = new GeminiEmbedder({ apiKey: 'g', baseUrl: mock.geminiBaseUrl, batchSize: 2 });
    expect(embedder.id).toBe('gemini:text-embedding-004:768');
    const texts = ['quero cancelar meu plano', 'cancelamento do plano', 'qual o horário da loja?'];
    const vectors = await embedder.embed(texts);
    expect(vectors).toHaveLength(3);
    for (const v of vectors) {
      expect(v).toHaveLength(768);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
    // Two batches: 2 + 1 texts, each asking for 768 dimensions.
    expect(mock.requests.map((r) => r.texts)).toEqual([texts.slice(0, 2), texts.slice(2)]);
    expect(mock.requests[0]?.path).toBe('/v1beta/models/text-embedding-004:batchEmbedContents');
    expect(JSON.stringify(mock.requests[0]?.body)).toContain('"outputDimensionality":768');
    // Same text, same vector; related texts closer than unrelated ones.
    const [again] = await embedder.embed([texts[0] as string]);
    expect(Array.from(again ?? [])).toEqual(Array.from(vectors[0] ?? []));
    const [a, b, c] = vectors as [Float32Array, Float32Array, Float32Array];
    expect(cosine(a, b)).toBeGreaterThan(cosine(a, c));
  });

  it('returns nothing for no texts without calling the API', async () => {
    const embedder = new GeminiEmbedder({ apiKey: 'g', baseUrl: mock.geminiBaseUrl });
    expect(await embedder.embed([])).toEqual([]);
    expect(mock.requests).toHaveLength(0);
  });

  it('retries a 429 and then succeeds', async () => {
    mock.enqueue({ provider: 'embed', status: 429 });
    const embedder = new GeminiEmbedder({ apiKey: 'g', baseUrl: mock.geminiBaseUrl, baseDelayMs: 5, dimensions: 64 });
    const [vector] = await embedder.embed(['oi']);
    expect(vector).toHaveLength(64);
    expect(mock.requests).toHaveLength(2);
  });

  it('fails with a typed error on a 400, without retrying', async () => {
    mock.enqueue({ provider: 'embed', status: 400, errorMessage: 'bad model' });
    const embedder = new GeminiEmbedder({ apiKey: 'g', baseUrl: mock.geminiBaseUrl, baseDelayMs: 5 });
    const error = await embedder.embed(['oi']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VentrosError);
    expect(error).toMatchObject({ code: 'internal' });
    expect((error as Error).message).toContain('bad model');
    expect(mock.requests).toHaveLength(1);
  });
});

describe('createEmbedder', () => {
  it('picks Gemini when GEMINI_API_KEY is set, else the local embedder', () => {
    // Gemini behind the circuit breaker: same id and dimensions.
    const gemini = createEmbedder({ GEMINI_API_KEY: 'g', GEMINI_BASE_URL: mock.geminiBaseUrl });
    expect(gemini.id).toBe('gemini:text-embedding-004:768');
    expect(gemini.dimensions).toBe(768);
    expect(createEmbedder({})).toBeInstanceOf(LocalEmbedder);
    expect(createEmbedder({ GEMINI_API_KEY: ' ' }).id).toBe('local-hash-v1:512');
  });
});
