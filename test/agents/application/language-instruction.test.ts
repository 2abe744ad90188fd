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
});
