import { describe, expect, it } from 'vitest';
import { GRACEFUL_ANSWER, guardAnswer, PartialGuard, redactIds } from '../../../src/agents/application/answer-guard.js';

const none = { failedOutputs: [], ids: [] };

describe('the answer guard of customer runs', () => {
  it('leaves a good answer alone', () => {
    const text = 'Preparei 20% de desconto por 3 meses, válido até 10/12 (protocolo esc-1a2b3c4d5e6f). Posso aplicar?';
    expect(guardAnswer(text, none)).toEqual({ text, verdict: 'clean' });
  });

  it.each([
    ['a raw not-found', 'Não consegui: Contact "anonymous-3f2a" not found.'],
    ['a runtime failure', 'Tool "retention__create_retention_offer" failed: boom'],
    [
      'an internal error id',
      'Internal error in tool bi (error id 1b4e28ba-2fa1-11d2-883f-0016d3cca427). Try again later.',
    ],
    ['a stack', 'Erro\n    at handler (/srv/app/src/servers/sales/pipeline-tools.ts:42:13)'],
    ['a typed error', 'TypeError: Cannot read properties of undefined'],
    ['a refused delegation', 'Cannot transfer: there is no agent named "x".'],
    ['a binding refusal', 'In a conversation with a customer only that customer’s own data can be read'],
  ])('replaces an answer that shows %s', (_what, text) => {
    expect(guardAnswer(text, none)).toEqual({ text: GRACEFUL_ANSWER, verdict: 'replaced' });
  });

  it("replaces an answer that echoes one of the run's failed tool outputs, whatever its wording", () => {
    const failure = 'Cliente já recebeu 3 ofertas de retenção (máximo 3): respeite a decisão.';
    const answer = `Infelizmente ${failure} Posso ajudar em algo mais?`;
    expect(guardAnswer(answer, { failedOutputs: [failure], ids: [] }).verdict).toBe('replaced');
    expect(guardAnswer('Posso ajudar em algo mais?', { failedOutputs: [failure], ids: [] }).verdict).toBe('clean');
  });

  it('cuts internal ids out of an otherwise good answer', () => {
    const guarded = guardAnswer(
      'Olá, anonymous-91c0! Abri o chamado 3f2a9c1e-0b7d-4c55-9e21-7d1f0a2b3c4d para você (contato contact-carlos), via support__create_ticket.',
      none,
    );
    expect(guarded.verdict).toBe('redacted');
    expect(guarded.text).toBe('Olá! Abri o chamado para você (contato), via.');
  });

  it("cuts the run's own ids whatever their shape", () => {
    expect(redactIds('Sua sessão cli-7f3e9a é esta.', ['cli-7f3e9a'])).toBe('Sua sessão é esta.');
  });

  it('replaces an answer left empty by the cuts', () => {
    expect(guardAnswer('contact-carlos', none).text).toBe(GRACEFUL_ANSWER);
  });

  it('streams text held back to word boundaries, so an id split across deltas is still cut', () => {
    const guard = new PartialGuard(['session-42']);
    const sent = [
      guard.push('a', 'Seu contato é cont'),
      guard.push('a', 'act-carlos e a sessão'),
      guard.push('a', ' session-42'),
      guard.push('b', 'outro agente'),
      guard.flush('a'),
      guard.flush('b'),
    ];
    expect(sent.join('|')).toBe('Seu contato é | e a |sessão |outro ||agente');
  });
});
