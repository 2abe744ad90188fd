import type { z } from 'zod';
import { errorMessage, type Logger, logger } from '../../shared/index.js';
import { remoteInputShape } from './remote-tool-schema.js';
import type { ToolServiceClient } from './tool-service-client.js';

/** A tool the Go tool service lists, its schema checked and converted. */
export interface RemoteTool {
  name: string;
  description: string;
  /** The host server that should offer it (bi, sales, retention, support); undefined: every proxied one. */
  server?: string;
  input: z.ZodRawShape;
  /** The Go-provided JSON Schema as received (to notice a change). */
  signature: string;
}

export interface RemoteToolCatalogOptions {
  client: ToolServiceClient;
  /** Tenant sent with ListTools (the operator's default tenant). */
  tenantId: string;
  /** Re-ask ListTools this often (ms; 0: only at start and on `refresh()`). */
  refreshMs?: number;
  /** The servers a tool may name (`ToolInfo.server`); a tool naming another is left out with a warning. */
  servers?: readonly string[];
  log?: Logger;
}

/**
 * The Go tool service's own tool list (ListTools), asked at start and then periodically or on demand.
 * Each call has the client's deadline and bounded retries. A failed ask keeps the last good list (at
 * start: an empty one, so the host offers its local tools only) and logs a warning. Tools whose schema is
 * not a valid JSON Schema of an object are left out with a warning: the model never sees a tool whose
 * arguments nobody can check.
 */
export class RemoteToolCatalog {
  private list: readonly RemoteTool[] = [];
  private readonly listeners = new Set<(tools: readonly RemoteTool[]) => void>();
  private readonly log: Logger;
  private timer: NodeJS.Timeout | undefined;
  private inflight: Promise<boolean> | undefined;

  constructor(private readonly options: RemoteToolCatalogOptions) {
    this.log = options.log ?? logger.child({ component: 'remote-tool-catalog' });
  }

  /** The first ListTools (awaited: the servers are built with its answer), then the periodic refresh. */
  async start(): Promise<void> {
    await this.refresh();
    const every = this.options.refreshMs ?? 0;
    if (every > 0 && !this.timer) {
      this.timer = setInterval(() => void this.refresh(), every);
      this.timer.unref();
    }
  }

  /** The Go tools known now. */
  tools(): readonly RemoteTool[] {
    return this.list;
  }

  /** Called with the new list whenever a refresh changes it; returns the unsubscribe. */
  onChange(listener: (tools: readonly RemoteTool[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Asks ListTools now (concurrent calls share one ask). True when the list was read. */
  refresh(): Promise<boolean> {
    this.inflight ??= this.load().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.listeners.clear();
  }

  private async load(): Promise<boolean> {
    let infos: Awaited<ReturnType<ToolServiceClient['listTools']>>;
    try {
      infos = await this.options.client.listTools(this.options.tenantId);
    } catch (error) {
      this.log.warn(
        { err: errorMessage(error), kept: this.list.length },
        'Go tool service ListTools failed; offering the local tool list (and any Go tools already known)',
      );
      return false;
    }
    const next: RemoteTool[] = [];
    const seen = new Set<string>();
    for (const info of infos) {
      if (seen.has(info.name)) continue;
      seen.add(info.name);
      if (info.server && this.options.servers && !this.options.servers.includes(info.server)) {
        this.log.warn(
          { tool: info.name.slice(0, 80), server: info.server.slice(0, 40), servers: this.options.servers },
          'Go tool not offered: it names a server the host does not proxy',
        );
        continue;
      }
      const checked = remoteInputShape(info.name, info.parameters);
      if ('problem' in checked) {
        this.log.warn({ tool: info.name.slice(0, 80), problem: checked.problem }, 'Go tool not offered');
        continue;
      }
      next.push({
        name: info.name,
        description: info.description,
        ...(info.server ? { server: info.server } : {}),
        input: checked.shape,
        signature: JSON.stringify([info.name, info.description, info.server ?? '', info.parameters]),
      });
    }
    const changed =
      next.length !== this.list.length || next.some((tool, i) => tool.signature !== this.list[i]?.signature);
    if (changed) {
      // A new array only on a change: the servers compare by reference.
      this.list = next;
      this.log.info({ tools: next.map((t) => t.name) }, 'Go tool service lists its tools');
      for (const listener of this.listeners) listener(next);
    }
    return true;
  }
}
