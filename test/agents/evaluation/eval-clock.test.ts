import { describe, expect, it } from 'vitest';
import { atInstant, parseInstant } from '../../../src/agents/evaluation/eval-clock.js';

describe('an eval run as of a fixed instant', () => {
  it('shifts Date (now and new Date()) while the work runs, keeps time running, and restores it after', async () => {
    const before = new Date();
    const instant = new Date('2026-03-11T15:00:00Z');
    const seen = await atInstant(instant, async () => {
      const first = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 20));
      return {
        first,
        later: Date.parse(new Date().toISOString()),
        explicit: new Date(0).getTime(),
        old: before instanceof Date,
      };
    });
    expect(Math.abs(seen.first - instant.getTime())).toBeLessThan(1_000);
    expect(seen.later - seen.first).toBeGreaterThanOrEqual(15);
    expect(seen.explicit).toBe(0);
    // A date made before the shift is still a Date to instanceof checks (zod's among them).
    expect(seen.old).toBe(true);
    expect(Math.abs(Date.now() - before.getTime())).toBeLessThan(60_000);
  });

  it('restores Date when the work throws, refuses a nested shift, and runs unshifted without an instant', async () => {
    const RealDate = Date;
    await expect(
      atInstant(new Date('2026-03-11T15:00:00Z'), async () => {
        await expect(atInstant(new Date('2026-01-01T00:00:00Z'), async () => 1)).rejects.toThrow(/already shifted/);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(Date).toBe(RealDate);
    expect(await atInstant(undefined, async () => Date)).toBe(RealDate);
  });

  it('reads ISO instants with a zone only', () => {
    expect(parseInstant('2026-12-02T15:00:00Z').toISOString()).toBe('2026-12-02T15:00:00.000Z');
    expect(parseInstant('2026-12-02T12:00:00-03:00').toISOString()).toBe('2026-12-02T15:00:00.000Z');
    expect(() => parseInstant('2026-12-02 15:00')).toThrow(/with a zone/);
    expect(() => parseInstant('tomorrow')).toThrow(/invalid instant/);
  });
});
