import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../src/agents/evaluation/detect-language.js';

describe("the eval's answer-language check", () => {
  it('reads the language of an answer', () => {
    expect(detectLanguage('Entendo, Carlos. Consegui 20% de desconto.').language).toBe('pt');
    expect(detectLanguage('¡Listo! Registré la cancelación.').language).toBe('es');
    expect(detectLanguage('Done, I logged it. Would you like a new date?').language).toBe('en');
  });

  it('ignores ids, amounts and numbers (an id "task-e916…" is not the Portuguese "e")', () => {
    const answer = 'Booked, Alice! Call on Tue, Dec 8 at 2:00 PM (Eastern Standard Time) — reference task-e916ab0c12.';
    expect(detectLanguage(answer).language).toBe('en');
    expect(detectLanguage('task-e916ab0c12 a-1 o-2').language).toBeUndefined();
  });
});
