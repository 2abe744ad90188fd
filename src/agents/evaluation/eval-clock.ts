/**
 * An eval run "as of" a fixed instant. The demo data is seeded relative to now and the agents answer
 * "today", "this week" and "this month" from the clock, so the same cases pass on a Wednesday the 2nd
 * and fail on a Monday the 1st; the CI gate compares against floors measured on one day. Running both
 * as of the same instant makes the figures reproducible on any day.
 *
 * The clock is shifted, not frozen: `Date` reads the real clock plus a fixed offset, so time still
 * runs at its real pace and resolution (a frozen or stepped fake clock would tie the timestamps that
 * order a session's messages and memories). Only `Date` is touched: timers, `performance.now()` and
 * the scratch stores are unchanged. Everything in process sees it, which is why scratch targets run
 * the builtin servers in process; a subprocess would not.
 */
const RealDate = Date;
let pinned: Date | undefined;

/** The real time, shifted clock or not (a report's `started_at`). */
export function realNow(): Date {
  return new RealDate();
}

/** The instant the running eval is pinned to, if any (a report's `as_of`). */
export function pinnedInstant(): Date | undefined {
  return pinned;
}

/** Runs `work` with `Date` reading `instant` at its start; the real `Date` is back when it settles. */
export async function atInstant<T>(instant: Date | undefined, work: () => Promise<T>): Promise<T> {
  if (!instant) return work();
  if (globalThis.Date !== RealDate) throw new Error('an eval clock is already shifted in this process');
  const restore = shiftClock(instant.getTime() - RealDate.now());
  pinned = instant;
  try {
    return await work();
  } finally {
    pinned = undefined;
    restore();
  }
}

function shiftClock(offsetMs: number): () => void {
  class ShiftedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + offsetMs);
      else super(...(args as [string | number | Date]));
    }
    static override now(): number {
      return RealDate.now() + offsetMs;
    }
    // Dates made before the shift (module constants, parsed configs) are still dates.
    static override [Symbol.hasInstance](value: unknown): boolean {
      return value instanceof RealDate;
    }
  }
  globalThis.Date = ShiftedDate as DateConstructor;
  return () => {
    globalThis.Date = RealDate;
  };
}

/** `--now`'s value: an ISO 8601 instant with a zone ("2026-12-02T15:00:00Z"). */
export function parseInstant(text: string): Date {
  const instant = new RealDate(text);
  if (!/(?:Z|[+-]\d{2}:?\d{2})$/i.test(text.trim()) || Number.isNaN(instant.getTime())) {
    throw new RangeError(`invalid instant "${text}": expected ISO 8601 with a zone, e.g. 2026-12-02T15:00:00Z`);
  }
  return instant;
}
