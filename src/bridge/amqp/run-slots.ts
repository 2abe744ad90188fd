/**
 * Bounds the runs in flight (VENTROS_AMQP_CONCURRENCY): a run waits for a slot, so deliveries beyond
 * the bound stay unacked and the broker, at the prefetch limit, stops sending — back-pressure.
 */
export class RunSlots {
  private used = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly size: number) {}

  /** Runs `task` once a slot is free; the slot is released when it settles. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.used >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.used++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter; otherwise it is freed.
      if (next) next();
      else this.used--;
    }
  }

  get inUse(): number {
    return this.used;
  }
}
