import { describe, expect, it } from 'vitest';
import { readLeadSignals } from '../../../../src/agents/providers/offline/policy-kit/lead-signals.js';
import { readAgentNames } from '../../../../src/agents/providers/offline/policy-kit/read-analytics.js';
import { readSeverity } from '../../../../src/agents/providers/offline/policy-kit/read-message.js';
import { rememberLast } from '../../../../src/agents/providers/offline/policy-kit/remember-last.js';

describe('rememberLast', () => {
  it('reads a message once while it is asked again, and anew for another message', () => {
    let reads = 0;
    const length = rememberLast((message: string) => {
      reads++;
      return message.length;
    });
    expect([length('oi'), length('oi'), length('olá!'), length('oi')]).toEqual([2, 2, 4, 2]);
    expect(reads).toBe(3);
  });

  it('hands each caller its own copy of the lead signals and agent names', () => {
    const message = 'Somos 30 vendedores, quero fechar esta semana';
    const first = readLeadSignals(message);
    first.budget_score = 99;
    expect(readLeadSignals(message).budget_score).not.toBe(99);
    const names = readAgentNames('Compare João e Maria');
    names.push('Ana');
    expect(readAgentNames('Compare João e Maria')).toEqual(['João', 'Maria']);
    expect(readSeverity('PROCON!!!')).toBe(readSeverity('PROCON!!!'));
  });
});
