import { describe, expect, it } from 'vitest';
import type { ContentPart, Message } from '../../../../src/agents/model/index.js';
import { currentTurn, readTurn, withoutHandoffs } from '../../../../src/agents/providers/offline/offline-turn.js';

/** What the offline model read before `readTurn`: the filtered history, its turn and its last message. */
function filteringReference(messages: readonly Message[]) {
  const filtered = withoutHandoffs(messages);
  const last = filtered[filtered.length - 1];
  return {
    turn: currentTurn(filtered),
    lastHasResults: last?.content.some((p) => p.type === 'tool_result') ?? false,
  };
}

/** A small deterministic generator (mulberry32), so a failure replays. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomPart(next: () => number, n: number): ContentPart {
  const handoff = next() < 0.15;
  const name = handoff ? 'transfer_to_sales' : next() < 0.5 ? 'memory__search_memory' : 'crm__get_contact';
  switch (Math.floor(next() * 3)) {
    case 0:
      return { type: 'text', text: `texto ${n}` };
    case 1:
      return { type: 'tool_use', id: `call-${n}`, name, input: { n } };
    default:
      return { type: 'tool_result', toolUseId: `call-${n}`, toolName: name, content: `{"n":${n}}` };
  }
}

function randomHistory(next: () => number): Message[] {
  const messages: Message[] = [];
  const length = Math.floor(next() * 12);
  for (let i = 0; i < length; i++) {
    const parts = next() < 0.05 ? 0 : 1 + Math.floor(next() * 3);
    const content: ContentPart[] = [];
    for (let p = 0; p < parts; p++) content.push(randomPart(next, i * 10 + p));
    messages.push({ role: next() < 0.5 ? 'user' : 'assistant', content });
  }
  return messages;
}

describe('readTurn', () => {
  it('reads what the handoff-filtering path reads, on histories with and without handoffs or empty messages', () => {
    const next = random(14);
    let withoutFilteringNeeded = 0;
    for (let i = 0; i < 5000; i++) {
      const messages = randomHistory(next);
      const { turn, lastHasResults } = readTurn(messages);
      expect({ turn, lastHasResults }, JSON.stringify(messages)).toEqual(filteringReference(messages));
      if (withoutHandoffs(messages) === messages) withoutFilteringNeeded++;
    }
    // Both paths were exercised.
    expect(withoutFilteringNeeded).toBeGreaterThan(500);
    expect(withoutFilteringNeeded).toBeLessThan(4500);
  });

  it('reads a later call of the same turn as the filtering path does, when the history before it changed too', () => {
    const next = random(41);
    for (let i = 0; i < 3000; i++) {
      const messages = randomHistory(next);
      readTurn(messages);
      // The next round: the loop appended a tool round.
      const round = [...messages, ...randomHistory(next).slice(0, 1)];
      const { turn, lastHasResults } = readTurn(round);
      expect({ turn, lastHasResults }, JSON.stringify(round)).toEqual(filteringReference(round));
      // Another request with the same turn but other objects before it (one of them a handoff).
      const start =
        round.length -
        1 -
        [...round].reverse().findIndex((m) => m.role === 'user' && m.content.some((p) => p.type === 'text'));
      if (start > 0 && start < round.length) {
        const edited = [...round];
        edited[0] = {
          role: 'assistant',
          content: [{ type: 'tool_use', id: 'h', name: 'transfer_to_sales', input: {} }],
        };
        const read = readTurn(edited);
        expect({ turn: read.turn, lastHasResults: read.lastHasResults }).toEqual(filteringReference(edited));
      }
    }
  });

  it('numbers the turn after the messages a handoff leaves empty, as before', () => {
    const messages: Message[] = [
      { role: 'user', content: [{ type: 'text', text: 'oi' }] },
      { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'transfer_to_sales', input: {} }] },
      {
        role: 'user',
        content: [{ type: 'tool_result', toolUseId: 't1', toolName: 'transfer_to_sales', content: 'ok' }],
      },
      { role: 'user', content: [{ type: 'text', text: 'quero o preço' }] },
    ];
    expect(readTurn(messages)).toEqual({
      turn: { index: 1, userMessage: 'quero o preço', calls: [], results: [] },
      lastHasResults: false,
      turnStart: undefined,
    });
  });
});
