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
});
