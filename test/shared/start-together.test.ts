import { describe, expect, it } from 'vitest';
import { startTogether } from '../../src/shared/index.js';

describe('startTogether', () => {
  it('resolves the callers of one turn together, at the turn end, in call order', async () => {
    const steps: string[] = [];
    const run = async (name: string) => {
      await startTogether();
      steps.push(`${name} started`);
      await Promise.resolve();
      steps.push(`${name} step 2`);
    };
    const first = run('a');
    const second = run('b');
    steps.push('turn goes on');
    await Promise.all([first, second]);
    // Each caller's first await is the gate; their continuations then interleave, a step of each in turn.
    expect(steps).toEqual(['turn goes on', 'a started', 'b started', 'a step 2', 'b step 2']);
  });

  it('gives a later turn a gate of its own', async () => {
    const gate = startTogether();
    expect(startTogether()).toBe(gate);
    await gate;
    const next = startTogether();
    expect(next).not.toBe(gate);
    await expect(next).resolves.toBeUndefined();
  });
});
