/** How many of an agent's latest answers its average covers: recent enough to follow a model change. */
const WINDOW = 100;

/**
 * The average latency of each agent's recent answers (the seed's `AgentInfo.avg_latency_ms`), kept in
 * memory per process: a moving window of the last {@link WINDOW} answers of each agent.
 */
export class LatencyStats {
  private readonly windows = new Map<string, { samples: number[]; next: number; sum: number }>();

  record(agent: string, latencyMs: number): void {
    if (!Number.isFinite(latencyMs) || latencyMs < 0) return;
    let window = this.windows.get(agent);
    if (!window) {
      window = { samples: [], next: 0, sum: 0 };
      this.windows.set(agent, window);
    }
    if (window.samples.length < WINDOW) {
      window.samples.push(latencyMs);
    } else {
      window.sum -= window.samples[window.next] as number;
      window.samples[window.next] = latencyMs;
      window.next = (window.next + 1) % WINDOW;
    }
    window.sum += latencyMs;
  }

  /** Whole ms; 0 for an agent that has not answered yet. */
  averageMs(agent: string): number {
    const window = this.windows.get(agent);
    return window && window.samples.length > 0 ? Math.round(window.sum / window.samples.length) : 0;
  }
}
