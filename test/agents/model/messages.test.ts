import { describe, expect, it } from 'vitest';
import {
  addUsage,
  type ContentPart,
  textOf,
  toolUsesOf,
  userText,
  ZERO_USAGE,
} from '../../../src/agents/model/index.js';

const parts: ContentPart[] = [
  { type: 'text', text: 'Vou verificar ' },
  { type: 'tool_use', id: 't1', name: 'sales__get_order', input: { id: 7 } },
  { type: 'text', text: 'o seu pedido.' },
  { type: 'tool_result', toolUseId: 't1', toolName: 'sales__get_order', content: '{}' },
];

describe('the model contract’s message helpers', () => {
  it('reads the text of a message in order, skipping tool calls and results', () => {
    expect(textOf(parts)).toBe('Vou verificar o seu pedido.');
    expect(textOf([])).toBe('');
  });

  it('lists the tool calls of a message in the order the model made them', () => {
    expect(toolUsesOf(parts)).toEqual([{ type: 'tool_use', id: 't1', name: 'sales__get_order', input: { id: 7 } }]);
  });

  it('builds a user turn from text', () => {
    expect(userText('Oi')).toEqual({ role: 'user', content: [{ type: 'text', text: 'Oi' }] });
  });

  it('adds token usage without touching the shared zero', () => {
    const total = addUsage(addUsage(ZERO_USAGE, { inputTokens: 10, outputTokens: 2 }), {
      inputTokens: 5,
      outputTokens: 1,
    });
    expect(total).toEqual({ inputTokens: 15, outputTokens: 3 });
    expect(ZERO_USAGE).toEqual({ inputTokens: 0, outputTokens: 0 });
    expect(Object.isFrozen(ZERO_USAGE)).toBe(true);
  });
});
