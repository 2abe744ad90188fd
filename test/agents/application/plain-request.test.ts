import { describe, expect, it } from 'vitest';
import { type AgentRequest, AgentRequestSchema } from '../../../src/agents/application/agent-request.js';
import { plainValidRequest } from '../../../src/agents/application/plain-request.js';
import { validateRequest } from '../../../src/agents/application/plan-run.js';

// The fast path must answer exactly what the schema answers (values, absent keys, key order), and leave
// every request it is not sure of to the schema.

const base = { message: 'Quero cancelar', tenantId: 'tenant-demo' };
const plain: AgentRequest[] = [
  base,
  { ...base, agent: 'auto', contactId: 'contact-carlos', sessionId: 's-1' },
  { ...base, agent: 'retention_churn', audience: 'customer', messageId: 'm-1', idempotencyKey: 'evt-1' },
  { ...base, agentId: 'custom-1', channelId: '  whatsapp ', audience: 'staff' },
  { sessionId: 's', contactId: 'c', tenantId: 't', message: 'x'.repeat(20_000), agent: 'a'.repeat(100) },
  { ...base, channelId: '' },
];
const notPlain: AgentRequest[] = [
  { ...base, message: ' padded ' },
  { ...base, tenantId: '' },
  { ...base, message: '' },
  { ...base, message: 'x'.repeat(20_001) },
  { ...base, agent: '' },
  { ...base, agent: 'a'.repeat(101) },
  { ...base, sessionId: 'x'.repeat(201) },
  { ...base, contactId: ' c' },
  { ...base, idempotencyKey: 'k'.repeat(301) },
  { ...base, channelId: 'c'.repeat(201) },
  { ...base, audience: 'robot' as never },
  { ...base, contactId: undefined },
  { ...base, timeoutMs: 1000 },
  { ...base, options: { maxTokens: 10 } },
  { ...base, context: { plan: 'pro' } },
  { ...base, origin: { surface: 'amqp' } },
  { ...base, traceparent: 'not a traceparent' },
  { ...base, unknown: 1 } as never,
  { ...base, message: 42 } as never,
];

describe('plainValidRequest', () => {
  it('knows every field of the schema: a new field or rule there must be taught to the fast path first', () => {
    // plain-request.ts repeats the string rules of these fields; any other field sends the request to zod.
    expect(Object.keys(AgentRequestSchema.shape).sort()).toEqual(
      [
        'agent',
        'agentId',
        'audience',
        'channelId',
        'context',
        'contactId',
        'idempotencyKey',
        'message',
        'messageId',
        'options',
        'origin',
        'sessionId',
        'tenantId',
        'timeoutMs',
        'traceparent',
      ].sort(),
    );
  });

  it.each(plain.map((r, i) => [i, r] as const))('answers what the schema answers (plain request %i)', (_, request) => {
    const fast = plainValidRequest(request);
    const parsed = AgentRequestSchema.parse(request);
    expect(fast).toStrictEqual(parsed);
    expect(Object.keys(fast ?? {})).toEqual(Object.keys(parsed));
  });

  it.each(notPlain.map((r, i) => [i, r] as const))('leaves anything else to the schema (request %i)', (_, request) => {
    expect(plainValidRequest(request)).toBeUndefined();
  });

  it('validateRequest keeps the caller signal and answers as before for every request', () => {
    const signal = new AbortController().signal;
    expect(validateRequest({ ...base, signal })).toStrictEqual({ ...AgentRequestSchema.parse(base), signal });
    for (const request of notPlain) {
      const parsed = AgentRequestSchema.safeParse(request);
      if (parsed.success) expect(validateRequest(request)).toStrictEqual(parsed.data);
      else expect(() => validateRequest(request)).toThrow(/invalid request/);
    }
  });
});
