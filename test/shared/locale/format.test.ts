import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatMoney,
  formatNumber,
  loadEnv,
  normalizeText,
  periodLabel,
  readNamedPeriod,
  resolveNamedPeriod,
} from '../../../src/shared/index.js';

describe('locale formatting', () => {
  it('writes money in the tenant currency (BRL by default) the way each language does', () => {
    expect(formatMoney(10800, 'pt')).toBe('R$ 10.800,00');
    expect(formatMoney(10800, 'en')).toBe('R$10,800.00');
    expect(formatMoney(10800, 'es')).toBe('10.800,00 R$');
    expect(formatMoney(1234.5, 'en', 'USD')).toBe('$1,234.50');
  });

  it('writes numbers with the language separators', () => {
    expect(formatNumber(1234.567, 'pt')).toBe('1.234,57');
    expect(formatNumber(1234.567, 'en')).toBe('1,234.57');
  });

  it("writes dates in the language and the tenant's time zone — no Portuguese dates in English", () => {
    const at = '2026-12-10T18:00:00Z'; // Thursday, 15:00 in São Paulo
    expect(formatDate(at, 'pt')).toBe('qui, 10/12 às 15:00');
    expect(formatDate(at, 'en')).toBe('Thu, Dec 10 at 3:00 PM');
    expect(formatDate(at, 'es')).toBe('jue, 10/12 a las 15:00');
    expect(formatDate(at, 'en', { timeZone: 'Asia/Tokyo', withTime: false })).toBe('Fri, Dec 11');
    expect(formatDate('not a date', 'pt')).toBe('not a date');
  });
});

describe('time zone configuration', () => {
  it('reads VENTROS_TIME_ZONE and VENTROS_TENANT_TIME_ZONES, refusing unknown zones', () => {
    expect(loadEnv({}).VENTROS_TIME_ZONE).toBe('America/Sao_Paulo');
    const env = loadEnv({
      VENTROS_TIME_ZONE: 'UTC',
      VENTROS_TENANT_TIME_ZONES: 'tenant-a:Europe/Lisbon, tenant-b:America/Mexico_City',
    });
    expect(env.VENTROS_TIME_ZONE).toBe('UTC');
    expect(env.VENTROS_TENANT_TIME_ZONES).toEqual({ 'tenant-a': 'Europe/Lisbon', 'tenant-b': 'America/Mexico_City' });
    expect(() => loadEnv({ VENTROS_TIME_ZONE: 'Mars/Olympus' })).toThrow(/VENTROS_TIME_ZONE/);
    expect(() => loadEnv({ VENTROS_TENANT_TIME_ZONES: 'tenant-a' })).toThrow(/VENTROS_TENANT_TIME_ZONES/);
  });
});

describe('named periods', () => {
  it('reads the period a question names in PT-BR, English and Spanish', () => {
    const cases: Array<[string, string]> = [
      ['quantos leads hoje?', 'today'],
      ['e ontem?', 'yesterday'],
      ['vendas deste mês', 'this_month'],
      ['quanto vendemos este ano', 'this_year'],
      ['e no mês passado?', 'last_month'],
      ['how many leads yesterday?', 'yesterday'],
      ['conversions this month', 'this_month'],
      ['best agent this year', 'this_year'],
      ['¿cuántos leads hoy?', 'today'],
      ['y ayer?', 'yesterday'],
      ['ventas de este mes', 'this_month'],
      ['cuántos leads este año', 'this_year'],
      ['la factura del mes pasado', 'last_month'],
    ];
    for (const [text, period] of cases) expect(readNamedPeriod(normalizeText(text)), text).toBe(period);
    expect(readNamedPeriod(normalizeText('qual agente converte mais?'))).toBeUndefined();
  });

  it('labels periods in each language', () => {
    expect(periodLabel('yesterday', 'pt')).toBe('ontem');
    expect(periodLabel('this_year', 'en')).toBe('this year');
    expect(periodLabel('this_month', 'es')).toBe('este mes');
  });

  it('resolves a period across a daylight-saving change with the zone database, not a fixed offset', () => {
    // New York moved to UTC-4 on 8 March 2020: the month began at UTC-5.
    const { from, to } = resolveNamedPeriod('this_month', new Date('2020-03-15T12:00:00Z'), 'America/New_York');
    expect(from.toISOString()).toBe('2020-03-01T05:00:00.000Z');
    expect(to.toISOString()).toBe('2020-03-16T04:00:00.000Z');
  });
});
