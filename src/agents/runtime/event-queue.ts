/**
 * A small unbounded async queue: producers `push` from callbacks (concurrent tool calls, parallel
 * branches); one consumer drains it with `for await`, or with `size`/`shift`/`wait` in its own loop (no
 * async generator of the queue's in between). Used to merge concurrent event sources into one
 * generator without polling.
 */
export class EventQueue<T> {
  private items: T[] = [];
  private head = 0;
  private closed = false;
  private wake: (() => void) | undefined;

  push(item: T): void {
    if (this.closed) return;
    this.items.push(item);
    this.notify();
  }

  /** No more items; the consumer ends after draining what is queued. */
  close(): void {
    this.closed = true;
    this.notify();
  }

  /** Items queued and not taken yet. */
  get size(): number {
    return this.items.length - this.head;
  }

  /** Closed, and every item taken. */
  get ended(): boolean {
    return this.closed && this.size === 0;
  }

  /** Takes the oldest queued item; check `size` first. */
  shift(): T {
    const item = this.items[this.head] as T;
    this.head++;
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    }
    return item;
  }

  /** Resolves at the next `push` or `close`. */
  wait(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.wake = resolve;
    });
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for (;;) {
      if (this.size > 0) yield this.shift();
      else if (this.closed) return;
      else await this.wait();
    }
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
