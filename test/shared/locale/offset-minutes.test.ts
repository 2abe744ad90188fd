import { describe, expect, it } from 'vitest';
import { localDay, offsetMinutes } from '../../../src/shared/locale/periods.js';

// One formatter per zone: building thousands of them made this test take half a minute on a busy machine.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The offset straight from Intl, as offsetMinutes computed it before its minute cache. */
function reference(instant: Date, timeZone: string): number {
  const parts = formatterOf(timeZone).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** Transitions (UTC) of zones with DST, half- and quarter-hour offsets, and a 30-minute DST shift. */
const TRANSITIONS: ReadonlyArray<[string, string]> = [
  ['America/Sao_Paulo', '2018-11-04T03:00:00Z'],
  ['America/Sao_Paulo', '2019-02-17T02:00:00Z'],
  ['Europe/Lisbon', '2026-03-29T01:00:00Z'],
  ['Europe/Lisbon', '2026-10-25T01:00:00Z'],
  ['America/New_York', '2026-03-08T07:00:00Z'],
  ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'],
  ['America/St_Johns', '2026-11-01T03:30:00Z'],
  ['Asia/Kathmandu', '2026-06-01T00:00:00Z'],
];

describe('offsetMinutes (cached per zone and UTC minute)', () => {
  it('answers what Intl answers at every minute around transitions, at any second of the minute', () => {
    for (const [zone, at] of TRANSITIONS) {
      const center = Date.parse(at);
      for (let minute = -90; minute <= 90; minute++) {
        for (const second of [0, 1, 29, 59.999]) {
          const instant = new Date(center + minute * 60_000 + second * 1000);
          // Twice: the second answer comes from the cache.
          expect(offsetMinutes(instant, zone), `${zone} ${instant.toISOString()}`).toBe(reference(instant, zone));
          expect(offsetMinutes(instant, zone)).toBe(reference(instant, zone));
        }
      }
    }
  });

  it('keeps old instants (before whole-minute offsets) on Intl, and UTC at 0', () => {
    const old = new Date('1900-06-01T12:00:30Z');
    expect(offsetMinutes(old, 'America/Sao_Paulo')).toBe(reference(old, 'America/Sao_Paulo'));
    expect(offsetMinutes(new Date(), 'UTC')).toBe(0);
    expect(localDay(new Date('2026-03-08T06:59:59Z'), 'America/New_York')).toMatchObject({ y: 2026, m: 2, d: 8 });
  });

  it('still refuses an unknown zone', () => {
    expect(() => offsetMinutes(new Date(), 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
