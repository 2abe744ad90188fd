import { describe, expect, it } from 'vitest';
import { QueryVectors } from '../../../src/servers/memory/local/query-vectors.js';
import { memoizeText } from '../../../src/servers/memory/local/text-memo.js';
import type { Embedder } from '../../../src/shared/index.js';

/** An embedder that counts its calls and fails while `down` is set. */
function countingEmbedder() {
  const state = { calls: 0, down: false };
  const embedder: Embedder = {
    id: 'test:2',
    dimensions: 2,
    async embed(texts) {
      state.calls++;
      if (state.down) throw new Error('embedder down');
      return texts.map((t) => new Float32Array([t.length, 1]));
    },
  };
  return { embedder, state };
}

describe('QueryVectors', () => {
  it('embeds a text once while it is among the most recent', async () => {
    const { embedder, state } = countingEmbedder();
    const vectors = new QueryVectors(embedder, 2);
    const first = await vectors.embed('cancelar');
    expect(await vectors.embed('cancelar')).toBe(first);
    expect(state.calls).toBe(1);
    await vectors.embed('preço');
    await vectors.embed('boleto');
    // 'cancelar' was pushed out by two newer texts.
    expect(await vectors.embed('cancelar')).toEqual(first);
    expect(state.calls).toBe(4);
  });

  it('keeps no failure: the next search of the text asks the embedder again', async () => {
    const { embedder, state } = countingEmbedder();
    const vectors = new QueryVectors(embedder);
    state.down = true;
    await expect(vectors.embed('cancelar')).rejects.toThrow('embedder down');
    state.down = false;
    expect(await vectors.embed('cancelar')).toEqual(new Float32Array([8, 1]));
    expect(state.calls).toBe(2);
  });
});

describe('memoizeText', () => {
  it('computes once per recent text and hands out the result frozen', () => {
    let calls = 0;
    const words = memoizeText((text) => {
      calls++;
      return text.split(' ');
    }, 1);
    const first = words('quero cancelar');
    expect(words('quero cancelar')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    words('outro texto');
    expect(words('quero cancelar')).toEqual(['quero', 'cancelar']);
    expect(calls).toBe(3);
  });
});
