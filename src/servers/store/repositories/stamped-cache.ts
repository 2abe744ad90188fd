/**
 * A small LRU cache whose entries are valid only under the stamp they were stored with: callers
 * pass the current stamp of the data an entry was computed from (e.g. a write counter plus SQLite's
 * data_version), so one write makes every older entry unreachable; those then fall off the LRU end.
 */
export class StampedCache<V> {
  private readonly entries = new Map<string, { stamp: string; value: V }>();

  constructor(private readonly maxEntries: number) {}

  /** The value stored under `key` with this `stamp`, else undefined. */
  get(key: string, stamp: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.stamp !== stamp) return undefined;
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, stamp: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { stamp, value });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }
}
