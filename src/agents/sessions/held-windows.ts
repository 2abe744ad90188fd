import type { HeldRow, HeldWindow } from './held-window.js';

/**
 * What one held window is charged beyond its rows' text: the entry, its stamp, its row objects. Keeps
 * the bound honest for many short sessions.
 */
const WINDOW_OVERHEAD_CHARS = 1024;

/**
 * The windows a process holds (see held-window.ts), least recently used first, bounded by size rather
 * than by count: by the characters of their rows' JSON, as stored. A session's window is 40 messages at
 * most past an append, but their size varies a hundredfold (a greeting, a tool's long result), and a
 * bound of 256 windows both wasted room on small sessions and dropped windows that a steady load of a
 * few hundred live conversations reused (the bridge bench's 500 contacts reloaded every session's rows).
 *
 * Memory, measured (heap per character charged, overhead included): ~1.5 bytes for long Latin-1 texts,
 * ~1.8 for the bridge bench's sessions, ~2.2 for texts outside Latin-1 (two-byte strings), ~2.6 for
 * sessions of very short messages (objects outweigh their text); so a budget of C characters holds at
 * most ~2.6 C bytes. A count of windows bounded no size: 256 windows of 40 messages of long tool results
 * (100 KB each) would take a gigabyte.
 */
export class HeldWindows {
  /** Insertion order is use order: the first entry is the least recently used. */
  private readonly windows = new Map<string, HeldWindow>();
  /** What each window was charged when last counted, and their sum. */
  private readonly charged = new Map<string, number>();
  private total = 0;

  constructor(private readonly budgetChars: number) {}

  get(id: string): HeldWindow | undefined {
    return this.windows.get(id);
  }

  delete(id: string): void {
    this.total -= this.charged.get(id) ?? 0;
    this.charged.delete(id);
    this.windows.delete(id);
  }

  clear(): void {
    this.windows.clear();
    this.charged.clear();
    this.total = 0;
  }

  /**
   * Makes `held` the window of `id`, most recently used, counted again (its rows may have changed), then
   * lets go of the least recently used ones while the budget is exceeded (never of this one).
   */
  touch(id: string, held: HeldWindow): void {
    this.delete(id);
    const chars = chargeOf(held.rows);
    this.windows.set(id, held);
    this.charged.set(id, chars);
    this.total += chars;
    for (const oldest of this.windows.keys()) {
      if (this.total <= this.budgetChars || oldest === id) break;
      this.delete(oldest);
    }
  }

  /** Characters charged in all (tests). */
  get chars(): number {
    return this.total;
  }

  get size(): number {
    return this.windows.size;
  }
}

function chargeOf(rows: readonly HeldRow[]): number {
  let chars = WINDOW_OVERHEAD_CHARS;
  for (const row of rows) chars += row.chars;
  return chars;
}
