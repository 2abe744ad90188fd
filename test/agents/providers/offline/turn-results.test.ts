import { describe, expect, it } from 'vitest';
import type { ToolResultPart, ToolUsePart } from '../../../../src/agents/model/index.js';
import type { OfflineTurn } from '../../../../src/agents/providers/offline/offline-turn.js';
import { ToolFailure } from '../../../../src/agents/providers/offline/policy-kit/tool-results.js';
import { resultsOf } from '../../../../src/agents/providers/offline/turn-results.js';

const call = (id: string, name: string): ToolUsePart => ({ type: 'tool_use', id, name, input: {} });
const result = (toolUseId: string, toolName: string, content: string, isError = false): ToolResultPart => ({
  type: 'tool_result',
  toolUseId,
  toolName,
  content,
  ...(isError ? { isError } : {}),
});

const turn: OfflineTurn = {
  index: 0,
  userMessage: 'oi',
  calls: [call('c1', 'memory__search_memory'), call('c2', 'crm__get_contact'), call('c3', 'crm__notes')],
  results: [
    result('c1', 'memory__search_memory', '{"memories":[]}'),
    result('c2', 'crm__get_contact', 'not json'),
    result('c3', '', 'boom', true),
    // A later call of a tool wins and keeps the first one's place.
    result('c4', 'memory__search_memory', '{"memories":[1]}'),
  ],
};

describe('resultsOf', () => {
  it('reads as the eagerly built map: keys in order, later call wins, text and failures as values', () => {
    const results = resultsOf(turn);
    expect(results.size).toBe(3);
    expect([...results.keys()]).toEqual(['search_memory', 'get_contact', 'notes']);
    expect(results.has('notes')).toBe(true);
    expect(results.has('nothing')).toBe(false);
    expect(results.get('nothing')).toBeUndefined();
    const all = new Map(results);
    expect(all.get('search_memory')).toEqual({ memories: [1] });
    expect(all.get('get_contact')).toBe('not json');
    expect(all.get('notes')).toEqual(new ToolFailure('boom'));
    expect([...results.values()]).toEqual([...all.values()]);
    const visited: string[] = [];
    results.forEach((_value, key) => {
      visited.push(key);
    });
    expect(visited).toEqual(['search_memory', 'get_contact', 'notes']);
  });

  it('gives one value per key for the life of the map, and the same parse across rounds of a turn', () => {
    const first = resultsOf(turn);
    expect(first.get('notes')).toBe(first.get('notes'));
    expect(resultsOf(turn).get('search_memory')).toBe(first.get('search_memory'));
  });
});
