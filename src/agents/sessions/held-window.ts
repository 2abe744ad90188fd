import type { Message } from '../model/index.js';

/**
 * One stored exchange row as this process holds it: its text until first used, then its messages. The
 * text goes once parsed: a row lives for many runs, and its text is as large again as its messages.
 */
export interface HeldRow {
  seq: number;
  startsExchange: boolean;
  /** The length of its stored text: what holding it is charged (see held-windows.ts). */
  chars: number;
  text: string | undefined;
  messages: Message[] | undefined;
}

/**
 * What this process holds of one stored session's exchange rows, for a load to reuse without reading
 * them again, and the stamp of the session row it matches: `generation` is drawn when the row is
 * created (a session deleted and written again gets another), `version` counts its writes. A load
 * whose session row carries the same stamp finds the same rows in SQLite: rows are written only by an
 * append, which bumps the version, and never changed.
 *
 * Coverage: for any `lo >= coveredFrom`, the stored rows from the first exchange start at or after
 * `lo` to the end are exactly the held rows from that start (so a window starting at or after
 * `coveredFrom` is read from `rows` alone). Older rows may be stored but are not held.
 */
export interface HeldWindow {
  generation: number;
  version: number;
  /** The session row's `next_seq`: the number of the next message appended. */
  nextSeq: number;
  coveredFrom: number;
  /** Oldest first. */
  rows: HeldRow[];
  /** The window the last load asked for: rows older than it are let go after an append. */
  window: number;
  /** The session row's contact_id, state, created_at and updated_at, as a load reads them. */
  columns: SessionColumns;
  /**
   * The connection's `PRAGMA data_version` when the stamp and columns were last known to be the stored
   * ones: it changes when another connection commits, so while it reads the same, they still are.
   */
  dataVersion: number;
}

/** contact_id, state, created_at, updated_at: the first columns of the store's session reads. */
export type SessionColumns = readonly [unknown, unknown, unknown, unknown];

/** The held rows of the window of the last `window` messages (see `historyWindow`), or undefined when not covered. */
export function heldWindowRows(held: HeldWindow, window: number): HeldRow[] | undefined {
  const lo = held.nextSeq - window;
  if (lo < held.coveredFrom) return undefined;
  const start = firstStartAtOrAfter(held.rows, lo);
  return start === -1 ? [] : held.rows.slice(start);
}

/**
 * Mirrors an append this process made onto what it holds: the rows it inserted, then the trim the
 * append ran (the rows before the first exchange start at or after `next - max`, none of the append's
 * own). Returns false when the trim cannot be mirrored from the held rows alone (the caller lets go).
 */
export function appendHeld(
  held: HeldWindow,
  stamp: { version: number; nextSeq: number },
  rows: readonly HeldRow[],
  first: number,
  max: number,
): boolean {
  for (const row of rows) held.rows.push(row);
  held.version = stamp.version;
  held.nextSeq = stamp.nextSeq;
  if (stamp.nextSeq > max) {
    const bound = stamp.nextSeq - max;
    if (bound >= held.coveredFrom) {
      const start = firstStartAtOrAfter(held.rows, bound);
      const cutoff = start === -1 ? first : Math.min(first, (held.rows[start] as HeldRow).seq);
      dropBefore(held, cutoff);
    } else if (held.rows[0] !== undefined && !held.rows[0].startsExchange) {
      // The first start at or after `bound` may be a stored row this process does not hold.
      return false;
    }
    // Otherwise that start is at or before the first held row: the trim removed none of them.
  }
  // Keep what the next load of the same window needs, so a long session holds a bounded window.
  const lo = held.nextSeq - held.window;
  if (lo > held.coveredFrom) {
    const start = firstStartAtOrAfter(held.rows, lo);
    dropBefore(held, start === -1 ? held.nextSeq : (held.rows[start] as HeldRow).seq);
    held.coveredFrom = lo;
  }
  return true;
}

function firstStartAtOrAfter(rows: readonly HeldRow[], lo: number): number {
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as HeldRow;
    if (row.startsExchange && row.seq >= lo) return i;
  }
  return -1;
}

function dropBefore(held: HeldWindow, seq: number): void {
  let n = 0;
  while (n < held.rows.length && (held.rows[n] as HeldRow).seq < seq) n++;
  if (n > 0) held.rows.splice(0, n);
}
