import { describe, expect, it } from 'vitest';
import { runChaos } from './support/chaos-harness.js';

// Three instances of the bridge as real processes on one vhost, one PostgreSQL schema and one CRM SQLite
// file, 8 partitions; 200 messages over 20 contacts (cancellations → offers, technical problems →
// tickets); two instances SIGKILLed and restarted while they work. Nothing is timed: the bound is only a
// backstop for a loaded machine.

describe('several instances with SIGKILLs', () => {
  it("lose nothing, answer each message once and in its contact's order, and write each offer and ticket once", async () => {
    const report = await runChaos({
      instances: 3,
      messages: 200,
      contacts: 20,
      kills: 2,
      partitions: 8,
      concurrency: 8,
      timeoutMs: 240_000,
    });
    expect(report.kills).toBe(2);
    expect(report).toMatchObject({
      lost: 0,
      duplicateAnswers: 0,
      duplicateSideEffects: 0,
      orderViolations: 0,
      deadLettered: 0,
    });
    expect(report.answered).toBe(200);
    expect(report.offers).toBeGreaterThan(0);
    expect(report.tickets).toBeGreaterThan(0);
  }, 420_000);
});
