import { describe, expect, it } from 'vitest';
import { classifierFeatures } from '../../../src/agents/router/classifier-features.js';
import { phraseConcepts, wordConcepts } from '../../../src/agents/router/intent-concepts.js';

describe('intent concepts', () => {
  it('gives cousins in three languages the same concept', () => {
    for (const word of ['cancelar', 'cancellation', 'cancelacion', 'rescisao', 'terminate', 'baja']) {
      expect(wordConcepts(word), word).toContain('leave');
    }
    for (const word of ['fatura', 'invoice', 'factura', 'boleto', 'refund', 'estorno']) {
      expect(wordConcepts(word), word).toContain('invoice');
    }
  });

  it('matches short stems only as whole words', () => {
    expect(wordConcepts('ad')).toContain('promo');
    expect(wordConcepts('adoro')).not.toContain('promo');
  });

  it('finds multi-word stems and adds concepts (negated ones too) to the classifier features', () => {
    expect(phraseConcepts(['how', 'much', 'is', 'it'])).toContain('price_question');
    const features = classifierFeatures('não quero cancelar, só a nota');
    expect(features).toContain('k:leave');
    expect(features).toContain('neg:k:leave');
  });
});
