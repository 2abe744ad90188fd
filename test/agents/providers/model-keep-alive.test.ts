import { describe, expect, it } from 'vitest';
import { userText } from '../../../src/agents/model/index.js';
import { useMockLlm } from '../../support/mock-llm/index.js';

const llm = useMockLlm();

/**
 * At a real model's pace an instance holds ~100 calls in flight; a TCP (and, in production, TLS)
 * handshake per call would add a round trip each and churn sockets. One client per model per process,
 * and the SDKs' fetch keeps connections alive: calls reuse them.
 */
describe.each(['anthropic', 'gemini'] as const)('the %s model on the real SDK', (provider) => {
  it('reuses its HTTP connections across calls (keep-alive pool), sequential and concurrent', async () => {
    llm.mock.setHandler(() => ({ text: 'ok', delayMs: 20 }));
    const model = llm.models[provider];
    const ask = () => model.generate({ system: 'Be brief.', messages: [userText('Oi')], tools: [] });
    const before = llm.mock.connections;
    // (Both SDKs use the process's fetch pool: a connection the other provider's test left open counts.)
    // Without keep-alive ten calls open ten; the count also allows a socket not yet back in the pool.
    for (let i = 0; i < 10; i++) await ask();
    expect(llm.mock.connections - before).toBeLessThanOrEqual(3);

    // Eight at once need up to eight connections; the next eight ride on those returned to the pool (a
    // socket may come back a moment after its response, so only "fewer than one a call" is certain).
    const beforeWaves = llm.mock.connections;
    await Promise.all(Array.from({ length: 8 }, ask));
    await Promise.all(Array.from({ length: 8 }, ask));
    expect(llm.mock.answered).toBe(26);
    expect(llm.mock.connections - beforeWaves).toBeLessThan(16);
  });
});
