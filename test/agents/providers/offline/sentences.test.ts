import { describe, expect, it } from 'vitest';
import { sentences } from '../../../../src/agents/providers/offline/sentences.js';

describe('sentences', () => {
  it('cuts after . ! ? and line breaks, keeping them, with no empty pieces', () => {
    expect(sentences('Oi! Tudo bem?\nSim.')).toEqual(['Oi!', ' Tudo bem?', '\n', 'Sim.']);
    expect(sentences('')).toEqual([]);
    expect(sentences('...fim')).toEqual(['.', '.', '.', 'fim']);
  });

  it('gives what the look-behind split it replaces gave, on random texts', () => {
    const alphabet = ['a', ' ', '.', '!', '?', '\n', '\r', 'é', '😀', '…'];
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let i = 0; i < 5000; i++) {
      let text = '';
      for (let k = Math.floor(next() * 12); k > 0; k--) text += alphabet[Math.floor(next() * alphabet.length)];
      expect(sentences(text)).toEqual(text.split(/(?<=[.!?\n])/).filter((piece) => piece));
    }
  });
});
