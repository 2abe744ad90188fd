import { describe, expect, it } from 'vitest';
import { languageInstruction } from '../../../src/agents/application/customer-locale.js';
import { tenantSettings } from '../../../src/shared/index.js';

describe('languageInstruction', () => {
  const now = new Date('2026-12-04T12:00:00Z');

  it('shows money and dates in the tenant currency and time zone, per tenant (the format samples are kept per key)', () => {
    const brl = tenantSettings({ currency: 'BRL', timeZone: 'America/Sao_Paulo' });
    const usd = tenantSettings({ currency: 'USD', timeZone: 'Asia/Tokyo' });
    const first = languageInstruction('pt', brl, now);
    expect(first).toContain('R$');
    expect(first).toContain('"qui, 10/12 às 15:00"');
    expect(first).toContain('Hoje é 2026-12-04');
    // Same inputs, same line; another tenant's currency and zone are not served from the first one's samples.
    expect(languageInstruction('pt', brl, now)).toBe(first);
    const other = languageInstruction('pt', usd, now);
    expect(other).not.toContain('R$');
    expect(other).toContain('$ 10.800,00');
    expect(other).toContain('"sex, 11/12 às 3:00"'); // Tokyo's clock, not São Paulo's
    expect(other).toContain('Hoje é 2026-12-04');
    expect(languageInstruction('en', usd, new Date('2026-12-04T16:00:00Z'))).toContain('Today is 2026-12-05');
  });

  it("moves to the tenant's next day at its midnight, to the millisecond (the line is kept per second only)", () => {
    const brl = tenantSettings({ currency: 'BRL', timeZone: 'America/Sao_Paulo' });
    // Midnight in São Paulo (UTC-3) is 03:00 UTC.
    expect(languageInstruction('pt', brl, new Date('2026-12-05T02:59:59.000Z'))).toContain('Hoje é 2026-12-04');
    expect(languageInstruction('pt', brl, new Date('2026-12-05T02:59:59.999Z'))).toContain('Hoje é 2026-12-04');
    expect(languageInstruction('pt', brl, new Date('2026-12-05T03:00:00.000Z'))).toContain('Hoje é 2026-12-05');
    expect(languageInstruction('pt', brl, new Date('2026-12-05T02:59:59.999Z'))).toContain('Hoje é 2026-12-04');
    // A 45-minute zone: Kathmandu (UTC+5:45) turns the day at 18:15 UTC.
    const npr = tenantSettings({ currency: 'USD', timeZone: 'Asia/Kathmandu' });
    expect(languageInstruction('en', npr, new Date('2026-12-04T18:14:59.999Z'))).toContain('Today is 2026-12-04');
    expect(languageInstruction('en', npr, new Date('2026-12-04T18:15:00.000Z'))).toContain('Today is 2026-12-05');
  });
});
