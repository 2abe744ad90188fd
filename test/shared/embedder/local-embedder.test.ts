import { describe, expect, it } from 'vitest';
import { LocalEmbedder } from '../../../src/shared/embedder/local-embedder.js';

describe('LocalEmbedder.embed', () => {
  it('answers embedOne for every text, kept or not', async () => {
    const embedder = new LocalEmbedder(64);
    const long = 'cancelar '.repeat(300);
    const texts = ['quero cancelar meu plano', 'o sistema está fora do ar', long];
    const first = await embedder.embed(texts);
    const again = await embedder.embed(texts);
    for (const [i, text] of texts.entries()) {
      expect(first[i]).toEqual(embedder.embedOne(text));
      expect(again[i]).toEqual(embedder.embedOne(text));
    }
  });

  it('hands out copies: a caller that changes its vector (the router centers it) changes no later answer', async () => {
    const embedder = new LocalEmbedder(64);
    const [vector] = await embedder.embed(['quero saber o preço do plano']);
    vector?.fill(0);
    const [again] = await embedder.embed(['quero saber o preço do plano']);
    expect(again).not.toBe(vector);
    expect(again).toEqual(embedder.embedOne('quero saber o preço do plano'));
  });

  it('keeps answering the same after many other texts pushed the first one out', async () => {
    const embedder = new LocalEmbedder(64);
    const [first] = await embedder.embed(['primeiro texto']);
    await embedder.embed(Array.from({ length: 20 }, (_, i) => `texto ${i}`));
    expect((await embedder.embed(['primeiro texto']))[0]).toEqual(first);
  });
});
