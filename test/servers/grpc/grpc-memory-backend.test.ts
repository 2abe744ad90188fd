import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GrpcCallError } from '../../../src/servers/grpc/grpc-errors.js';
import { GrpcMemoryBackend } from '../../../src/servers/grpc/grpc-memory-backend.js';
import {
  ContactContextQuerySchema,
  NewMemorySchema,
  RelatedEntitiesQuerySchema,
  SearchMemoriesQuerySchema,
} from '../../../src/servers/memory/memory-backend.js';
import { DeadlineExceededError, InvalidInputError, NotFoundError } from '../../../src/shared/index.js';
import { type FakeGoCrm, startFakeGoCrm } from '../../support/fake-go-crm/index.js';

let fake: FakeGoCrm;
let backend: GrpcMemoryBackend;

beforeAll(async () => {
  fake = await startFakeGoCrm({
    memories: [
      {
        tenant_id: 'tenant-a',
        id: 'a-1',
        contact_id: 'contact-1',
        content: 'Reclamou do preço do plano',
        memory_type: 'complaint',
        metadata: {},
        importance: 0.8,
      },
      {
        tenant_id: 'tenant-b',
        id: 'b-1',
        contact_id: 'contact-1',
        content: 'Reclamou do preço no outro tenant',
        memory_type: 'complaint',
        metadata: {},
        importance: 0.8,
      },
    ],
  });
  backend = new GrpcMemoryBackend({ target: fake.target, backoffMs: 5 });
});

afterAll(async () => {
  backend.close();
  await fake.close();
});

const search = (query: string, mode: 'HYBRID' | 'KEYWORD_ONLY' = 'HYBRID') =>
  SearchMemoriesQuerySchema.parse({ query, contact_id: 'contact-1', mode });

describe('GrpcMemoryBackend', () => {
  it('sends the tenant in every request and maps the answer to the backend types', async () => {
    const result = await backend.searchMemories('tenant-a', search('preço'));
    expect(result.memories.map((m) => m.id)).toEqual(['a-1']);
    expect(result.memories[0]?.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(result.metadata.keyword_matches).toBe(1);
    expect(fake.calls.at(-1)?.request).toMatchObject({
      tenant_id: 'tenant-a',
      contact_id: 'contact-1',
      mode: 'HYBRID',
    });
  });

  it('never returns another tenant’s memories for the same contact id', async () => {
    const result = await backend.searchMemories('tenant-b', search('preço'));
    expect(result.memories.map((m) => m.id)).toEqual(['b-1']);
  });

  it('stores a memory and reads the contact context back', async () => {
    const stored = await backend.storeMemory(
      'tenant-a',
      NewMemorySchema.parse({
        contact_id: 'contact-1',
        content: 'Prefere contato à tarde',
        memory_type: 'preference',
        metadata: { confidence: 0.9 },
      }),
    );
    expect(stored.success).toBe(true);
    expect(fake.calls.at(-1)?.request).toMatchObject({ tenant_id: 'tenant-a', metadata: { confidence: '0.9' } });
    const context = await backend.getContactContext(
      'tenant-a',
      ContactContextQuerySchema.parse({ contact_id: 'contact-1' }),
    );
    expect(context.recent_memories.map((m) => m.content)).toContain('Prefere contato à tarde');
    expect(context.stats.churn_risk).toBe(0.25);
    expect(context.stats.sentiment_average).toBeNull();
  });

  it('maps NOT_FOUND to NotFoundError without retrying', async () => {
    const before = fake.calls.length;
    await expect(
      backend.getContactContext('tenant-a', ContactContextQuerySchema.parse({ contact_id: 'nobody' })),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(fake.calls.length - before).toBe(1);
  });

  it('retries UNAVAILABLE and succeeds when the service comes back', async () => {
    fake.failNext('GetRelatedEntities', 2);
    const before = fake.calls.length;
    const related = await backend.getRelatedEntities(
      'tenant-a',
      RelatedEntitiesQuerySchema.parse({ entity_id: 'contact-1' }),
    );
    expect(related.entities[0]?.entity.id).toBe('product-1');
    expect(fake.calls.length - before).toBe(3);
  });

  it('gives up after a bounded number of attempts with a typed unavailable error', async () => {
    fake.failNext('AddSession', 10);
    const before = fake.calls.length;
    const error = await backend
      .addSession('tenant-a', { session_id: 's', contact_id: 'contact-1', messages: [], metadata: {} })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrpcCallError);
    expect((error as GrpcCallError).code).toBe('unavailable');
    expect(fake.calls.length - before).toBe(3);
    fake.failNext('AddSession', 0);
  });

  it('does not retry INVALID_ARGUMENT', async () => {
    fake.failNext('StoreMemory', 1, 3);
    const before = fake.calls.length;
    await expect(
      backend.storeMemory('tenant-a', NewMemorySchema.parse({ content: 'x', memory_type: 'note' })),
    ).rejects.toBeInstanceOf(InvalidInputError);
    expect(fake.calls.length - before).toBe(1);
  });

  it('applies the per-mode deadline: keyword search (100 ms) fails on a slow service, hybrid (500 ms) does not', async () => {
    fake.delay('SearchMemories', 250);
    try {
      await expect(backend.searchMemories('tenant-a', search('preço', 'KEYWORD_ONLY'))).rejects.toBeInstanceOf(
        DeadlineExceededError,
      );
      const hybrid = await backend.searchMemories('tenant-a', search('preço', 'HYBRID'));
      expect(hybrid.memories).toHaveLength(1);
    } finally {
      fake.delay('SearchMemories', 0);
    }
  });

  it('stops at once when the caller aborts', async () => {
    fake.delay('SearchMemories', 1_000);
    try {
      const controller = new AbortController();
      const pending = backend.searchMemories('tenant-a', search('preço'), controller.signal);
      setTimeout(() => controller.abort(new Error('caller gave up')), 20);
      await expect(pending).rejects.toThrow('caller gave up');
    } finally {
      fake.delay('SearchMemories', 0);
    }
  });
});
