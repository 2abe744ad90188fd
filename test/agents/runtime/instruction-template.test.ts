import { describe, expect, it } from 'vitest';
import { compileInstruction } from '../../../src/agents/runtime/instruction-template.js';

describe('compileInstruction, rendering again', () => {
  it('renders each state as it is: changed values, objects changed in place, missing keys', () => {
    const render = compileInstruction('Cliente: {name}. Plano: {plan?}.', 'sales');
    expect(render({ name: 'Ana', plan: 'pro' })).toBe('Cliente: Ana. Plano: pro.');
    expect(render({ name: 'Ana', plan: 'pro' })).toBe('Cliente: Ana. Plano: pro.');
    expect(render({ name: 'Bia', plan: 'pro' })).toBe('Cliente: Bia. Plano: pro.');
    expect(render({ name: 'Bia' })).toBe('Cliente: Bia. Plano: .');
    const plan = { tier: 'gold' };
    expect(render({ name: 'Bia', plan })).toBe('Cliente: Bia. Plano: {"tier":"gold"}.');
    plan.tier = 'silver';
    expect(render({ name: 'Bia', plan })).toBe('Cliente: Bia. Plano: {"tier":"silver"}.');
    expect(() => render({ plan: 'pro' })).toThrow(/needs state key "name"/);
    expect(render({ name: 7, plan: true })).toBe('Cliente: 7. Plano: true.');
  });

  it('renders an object value again as its content is: a new equal object, nested changes, key order', () => {
    const render = compileInstruction('Escopo: {scope}', 'bi');
    const scope = () => ({ lookback_days: 30, include_graph: false, memory_types: ['campaign', 'conversation'] });
    const text = 'Escopo: {"lookback_days":30,"include_graph":false,"memory_types":["campaign","conversation"]}';
    expect(render({ scope: scope() })).toBe(text);
    expect(render({ scope: scope() })).toBe(text);
    const changed = scope();
    changed.memory_types.push('sale');
    expect(render({ scope: changed })).toBe(text.replace('"conversation"]', '"conversation","sale"]'));
    changed.memory_types.pop();
    expect(render({ scope: changed })).toBe(text);
    expect(
      render({ scope: { include_graph: false, lookback_days: 30, memory_types: ['campaign', 'conversation'] } }),
    ).toBe('Escopo: {"include_graph":false,"lookback_days":30,"memory_types":["campaign","conversation"]}');
    expect(render({ scope: { ...scope(), extra: undefined } })).toBe(text);
    expect(render({ scope: { ...scope(), extra: 1 } })).toBe(text.replace(']}', '],"extra":1}'));
    const at = new Date(0);
    expect(render({ scope: { at } })).toBe('Escopo: {"at":"1970-01-01T00:00:00.000Z"}');
    at.setTime(1000);
    expect(render({ scope: { at } })).toBe('Escopo: {"at":"1970-01-01T00:00:01.000Z"}');
  });
});
