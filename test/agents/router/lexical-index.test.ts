import { describe, expect, it } from 'vitest';
import { intentFeatures } from '../../../src/agents/router/intent-features.js';
import { LexicalIndex } from '../../../src/agents/router/lexical-index.js';
import { expandedWords } from '../../../src/shared/index.js';

describe('intentFeatures', () => {
  it('spells out WhatsApp shorthand before building features', () => {
    expect(expandedWords('vc tb pode me mandar a nf hj?')).toEqual([
      'voce',
      'tambem',
      'pode',
      'me',
      'mandar',
      'a',
      'nota',
      'fiscal',
      'hoje',
    ]);
    expect(intentFeatures('qtos leads').has('w:quantos')).toBe(true);
  });

  it('keeps greetings as features but drops function words', () => {
    const bag = intentFeatures('oi, bom dia para voces');
    expect(bag.has('w:oi')).toBe(true);
    expect(bag.has('w:para')).toBe(false);
    expect(bag.has('b:bom_dia')).toBe(true);
  });
});

describe('LexicalIndex', () => {
  const index = new LexicalIndex(
    [
      { id: 'churn', examples: ['quero cancelar meu plano', 'cancela minha assinatura'] },
      { id: 'billing', examples: ['quero a segunda via do boleto', 'meu boleto venceu'] },
      { id: 'schedule', examples: ['quero marcar uma reuniao', 'remarca a reuniao'] },
    ],
    0.3,
  );

  it('weighs words shared by every class less than words only one class uses', () => {
    const scores = index.score('quero o boleto');
    expect(scores[1]).toBeGreaterThan(scores[0] as number);
    expect(scores[1]).toBeGreaterThan(scores[2] as number);
  });

  it('matches inflections and typos through character trigrams', () => {
    const scores = index.score('cancelamento');
    expect(Math.max(...scores)).toBe(scores[0]);
    expect(scores[0]).toBeGreaterThan(0);
  });

  it('knows whether any word of a message occurs in the examples', () => {
    expect(index.knowsAnyWord('boleto atrasado')).toBe(true);
    expect(index.knowsAnyWord('asdkjh qwpoe')).toBe(false);
  });

  it('refuses features another text replaced (they live in the index scratch)', () => {
    const first = index.features('meu boleto venceu');
    expect(first.knowsAnyWord).toBe(true);
    const second = index.features('kkkk zzzz kkkk');
    expect(second.knowsAnyWord).toBe(false);
    expect(() => index.scoreFeatures(first)).toThrow(/stale/);
    expect([...index.scoreFeatures(second)]).toEqual([...index.score('kkkk zzzz kkkk')]);
  });

  it('scores every class in order and stays within cosine range', () => {
    const scores = index.score('quero cancelar e marcar uma reuniao');
    expect(scores).toHaveLength(3);
    for (const s of scores) expect(Math.abs(s)).toBeLessThanOrEqual(1 + 1e-9);
  });
});
