import { describe, expect, it } from 'vitest';
import { detectLanguage, languageScores } from '../../../src/shared/index.js';
import { SHORT_MESSAGES } from './short-messages.js';

describe('detectLanguage', () => {
  it('reads the language of short chat messages (slang, shorthand, no accents) — at least 95 %', () => {
    const wrong = SHORT_MESSAGES.filter(([language, text]) => detectLanguage(text).language !== language);
    expect(1 - wrong.length / SHORT_MESSAGES.length, JSON.stringify(wrong)).toBeGreaterThanOrEqual(0.95);
  });

  it('is right on every language at least 90 % of the time', () => {
    for (const language of ['pt', 'en', 'es'] as const) {
      const mine = SHORT_MESSAGES.filter(([l]) => l === language);
      const right = mine.filter(([, text]) => detectLanguage(text).language === language).length;
      expect(right / mine.length, language).toBeGreaterThanOrEqual(0.9);
    }
  });

  it("keeps the session's language when a message says too little", () => {
    for (const text of ['ok', '👍', 'ok!!', '123', 'R$ 500', 'plan', 'no']) {
      expect(detectLanguage(text, 'es')).toEqual({ language: 'es', detected: false });
      expect(detectLanguage(text, 'en').language).toBe('en');
    }
    // With nothing to keep, the tenant's language.
    expect(detectLanguage('ok')).toEqual({ language: 'pt', detected: false });
    expect(detectLanguage('ok', undefined, 'en').language).toBe('en');
  });

  it('needs a clear lead to switch away from the session language, not a stray word', () => {
    expect(detectLanguage('ok thanks', 'pt').language).toBe('pt');
    expect(detectLanguage('hi, I need my invoice please', 'pt')).toEqual({ language: 'en', detected: true });
    expect(detectLanguage('hola, necesito ayuda con mi cuenta', 'pt')).toEqual({ language: 'es', detected: true });
    expect(detectLanguage('gracias', 'es').language).toBe('es');
  });

  it("does not read a person's name as the language (its accents belong to the name)", () => {
    expect(detectLanguage('¿Por qué Maria convierte menos que João?').language).toBe('es');
    expect(detectLanguage('Hablé con Peña ayer').language).toBe('es');
    expect(detectLanguage('Why does João close more deals than Peña?').language).toBe('en');
    // Accents of sentence starts and all-caps words still count.
    expect(detectLanguage('Ótimo. Ação judicial!').language).toBe('pt');
    expect(detectLanguage('QUERO CANCELAR JÁ, SEM CONVERSA').language).toBe('pt');
  });

  it('scores marks and endings as before the fast paths (values of the regex-only scorer)', () => {
    // Unaccented "ciones" is a Spanish mark; a name's letters are not; a curly apostrophe is one.
    expect(languageScores('PROMOCIONES')).toEqual({ pt: 0, en: 0, es: 3 });
    expect(languageScores('promoções e Gonçalves')).toEqual({ pt: 6, en: 0, es: 0 });
    expect(languageScores('I don’t know')).toEqual({ pt: 0, en: 4, es: 0 });
    expect(languageScores('la cancelación')).toEqual({ pt: 0, en: 0, es: 4 });
    expect(languageScores('texting')).toEqual({ pt: 0, en: 1, es: 0 });
    expect(languageScores('Quero saber o preço do plano')).toEqual({ pt: 6, en: 1, es: 0 });
  });
});
