import { describe, expect, it } from 'vitest';
import { resolvePeriod } from '../../../src/servers/bi/periods.js';
import { QueryCache } from '../../../src/servers/bi/query-cache.js';

const NOW = new Date('2025-01-15T12:30:00Z'); // a Wednesday

describe('resolvePeriod', () => {
  it('resolves named periods as half-open windows of a UTC tenant', () => {
    expect(resolvePeriod({ period: 'today' }, NOW, 'UTC')).toMatchObject({
      from: '2025-01-15T00:00:00.000Z',
      to: '2025-01-16T00:00:00.000Z',
    });
    expect(resolvePeriod({ period: 'yesterday' }, NOW, 'UTC')).toMatchObject({
      from: '2025-01-14T00:00:00.000Z',
      to: '2025-01-15T00:00:00.000Z',
    });
    expect(resolvePeriod({ period: 'this_week' }, NOW, 'UTC').from).toBe('2025-01-13T00:00:00.000Z');
    expect(resolvePeriod({ period: 'last_7_days' }, NOW, 'UTC').from).toBe('2025-01-09T00:00:00.000Z');
    expect(resolvePeriod({ period: 'this_month' }, NOW, 'UTC').from).toBe('2025-01-01T00:00:00.000Z');
    expect(resolvePeriod({ period: 'last_30_days' }, NOW, 'UTC').from).toBe('2024-12-17T00:00:00.000Z');
    expect(resolvePeriod({ period: 'last_month' }, NOW, 'UTC')).toMatchObject({
      from: '2024-12-01T00:00:00.000Z',
      to: '2025-01-01T00:00:00.000Z',
    });
    expect(resolvePeriod({ period: 'this_year' }, NOW, 'UTC')).toMatchObject({
      from: '2025-01-01T00:00:00.000Z',
      to: '2025-01-16T00:00:00.000Z',
    });
  });

  it('defaults to the tenant time zone given, São Paulo when none is', () => {
    expect(resolvePeriod({ period: 'today' }, NOW)).toMatchObject({
      from: '2025-01-15T03:00:00.000Z',
      timezone: 'America/Sao_Paulo',
    });
    expect(resolvePeriod({ period: 'today' }, NOW, 'Asia/Tokyo').from).toBe('2025-01-14T15:00:00.000Z');
    // The call's own zone wins over the tenant's.
    expect(resolvePeriod({ period: 'today', timezone: 'UTC' }, NOW, 'Asia/Tokyo').from).toBe(
      '2025-01-15T00:00:00.000Z',
    );
  });

  it('uses the local midnight of the given time zone for "today"', () => {
    const late = new Date('2025-01-16T01:00:00Z'); // still the 15th in São Paulo (UTC-3)
    expect(resolvePeriod({ period: 'today', timezone: 'America/Sao_Paulo' }, late)).toMatchObject({
      from: '2025-01-15T03:00:00.000Z',
      to: '2025-01-16T03:00:00.000Z',
    });
  });

  it('refuses reversed bounds and unknown time zones with a message the model can act on', () => {
    expect(() => resolvePeriod({ period: 'custom', from: '2025-02-01', to: '2025-01-01' }, NOW)).toThrow(
      /"to" must be after/,
    );
    expect(() => resolvePeriod({ period: 'today', timezone: 'Mars/Olympus' }, NOW)).toThrow(/Unknown time zone/);
    expect(() => resolvePeriod({ period: 'custom', from: 'ontem', to: '2025-01-01' }, NOW)).toThrow(/must be a date/);
  });
});

describe('QueryCache', () => {
  it('serves a fresh entry, recomputes after the TTL and evicts the least recently used', () => {
    let now = 0;
    const cache = new QueryCache(1_000, 2, () => now);
    let computed = 0;
    const get = (key: string) => cache.getOrCompute(key, () => ++computed);
    expect(get('a')).toEqual({ value: 1, hit: false });
    expect(get('a')).toEqual({ value: 1, hit: true });
    now = 1_001;
    expect(get('a')).toEqual({ value: 2, hit: false });
    get('b');
    get('a');
    get('c'); // evicts b, the least recently used
    expect(cache.size).toBe(2);
    expect(get('b').hit).toBe(false);
  });
});
