import { describe, expect, it } from 'vitest';
import type { Message } from '../../../src/agents/model/index.js';
import { isJsonPlain, loadsAsItself } from '../../../src/agents/sessions/json-plain.js';

describe('isJsonPlain: what reads back from its JSON text as itself', () => {
  it('accepts JSON values: strings, booleans, finite numbers, null, arrays and plain objects of them', () => {
    for (const value of ['', 'é\u0000\ud800', true, 0, 1.5, -2e300, null, [], [1, 'a', [null]], { a: { b: [1] } }]) {
      expect(isJsonPlain(value)).toBe(true);
      expect(JSON.parse(JSON.stringify(value))).toStrictEqual(value);
    }
  });

  it('rejects what the text would not give back', () => {
    const withSymbol = { a: 1, [Symbol('s')]: 2 };
    const hidden = Object.defineProperty({ a: 1 }, 'b', { value: 2, enumerable: false });
    const arrayWithKey = Object.assign([1], { extra: true });
    for (const value of [
      undefined,
      { a: undefined },
      [undefined],
      // biome-ignore lint/suspicious/noSparseArray: a hole is what is tested
      [1, , 2],
      -0,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      10n,
      () => 1,
      new Date(0),
      Object.create(null),
      new (class Point {
        x = 1;
      })(),
      withSymbol,
      hidden,
      arrayWithKey,
      { nested: { deeper: [new Map()] } },
    ]) {
      expect(isJsonPlain(value)).toBe(false);
    }
  });
});

describe('loadsAsItself', () => {
  const text = (t: string): Message => ({ role: 'user', content: [{ type: 'text', text: t }] });
  it('takes messages with a valid role, content and no other key', () => {
    expect(loadsAsItself([text('a'), { role: 'assistant', content: [] }])).toBe(true);
    expect(loadsAsItself([{ ...text('a'), extra: 1 } as Message])).toBe(false);
    expect(loadsAsItself([{ role: 'system', content: [] } as unknown as Message])).toBe(false);
    expect(loadsAsItself([{ role: 'user', content: [{ type: 'text', text: 'a', signature: undefined }] }])).toBe(false);
  });
});
