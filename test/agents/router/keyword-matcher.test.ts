import { describe, expect, it } from 'vitest';
import { KeywordIndex } from '../../../src/agents/router/keyword-matcher.js';
import { normalizeText } from '../../../src/shared/index.js';

/** The per-template scan the index replaced: distinct normalized keywords found as whole words. */
function scanned(keywords: readonly string[], text: string): number {
  const padded = ` ${normalizeText(text)} `;
  return [...new Set(keywords.map(normalizeText).filter(Boolean))].filter((k) => padded.includes(` ${k} `)).length;
}

describe('KeywordIndex', () => {
  const templates = [
    ['cancelar', 'Cancelar', 'cancelamento', 'não quero mais', 'caro'],
    ['live', 'ao vivo', 'webinar'],
    ['preço', 'caro', 'desconto', '  '],
    [],
  ];
  const index = new KeywordIndex(templates);

  it.each([
    'quero cancelar, ta caro demais',
    'Não quero mais!!! CANCELAR cancelar',
    'the delivery is late',
    'tem live hoje? é ao vivo?',
    'ao  vivo',
    'preço com desconto, caro',
    '',
    'cancelamentos',
  ])('counts each template’s distinct whole-word keywords as the scan did: %s', (text) => {
    expect([...index.counts(text)]).toEqual(templates.map((keywords) => scanned(keywords, text)));
  });
});
