import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  type Tool as McpTool,
  type Prompt,
  PromptListChangedNotificationSchema,
  type Resource,
  ResourceListChangedNotificationSchema,
  ToolListChangedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { deadlineSignal, errorMessage, type Logger, logger as rootLogger, sleep } from '../../shared/index.js';
import type { ServerConfig } from '../config/index.js';
import { HostError } from '../errors.js';
import { passesFilter } from '../naming.js';
import type { BuiltinServerFactory, HostToolProgress, ServerStatus } from '../types.js';
import { type ClientHandlers, clientCapabilities, installClientHandlers } from './client-handlers.js';
import { closeTransport } from './close-transport.js';
import { LazyJsonSchemaValidator } from './lazy-validator.js';
import { listAll } from './list-all.js';
import { type OpenedTransport, openTransport } from './open-transport.js';
import { ProgressTracker } from './progress-tracker.js';
import { raceSignal } from './race-signal.js';

/** Everything one connection needs, injected by the host. */
export interface ServerConnectionOptions {
  config: ServerConfig;
  builtins: Readonly<Record<string, BuiltinServerFactory>>;
  handlers: ClientHandlers;
  clientInfo: { name: string; version: string };
  /** Called when the cached tool list changed (list_changed refresh, restart). */
  onToolsChanged?: (server: string) => void;
  logger?: Logger;
  /** Grace before SIGTERM, and again before SIGKILL, when a child is closed. Default 1500 ms. */
  killGraceMs?: number;
}

/** Shared by every client: validators compile on first use. */
const lazyValidator = new LazyJsonSchemaValidator();

/** Longest wait between restart attempts, whatever the backoff says. */
const MAX_BACKOFF_MS = 30_000;
const STDERR_TAIL_LINES = 20;

/**
 * One MCP client connection to one configured server, with its lifecycle: connect with a deadline
 * (Streamable HTTP falling back to SSE on 4xx), cached listings refreshed on `list_changed`,
 * restart with exponential backoff after a crash, and a close that leaves no child process.
 */
export class ServerConnection {
  readonly name: string;
  readonly config: ServerConfig;
  /** Tools after the config's allow/deny filter. */
  tools: McpTool[] = [];
  resources: Resource[] = [];
  prompts: Prompt[] = [];

  private readonly options: ServerConnectionOptions;
  private readonly log: Logger;
  private readonly closeController = new AbortController();
  private client: Client | undefined;
  private opened: OpenedTransport | undefined;
  private state: ServerStatus['state'];
  private pending: Promise<void> | undefined;
  private generation = 0;
  private restarts = 0;
  private lastError: string | undefined;
  private stderrTail: string[] = [];
  private refreshing = new Map<'tools' | 'resources' | 'prompts', Promise<void>>();
  private readonly progress = new ProgressTracker((error) =>
    this.log.warn({ err: errorMessage(error) }, 'onProgress callback threw'),
  );

  constructor(options: ServerConnectionOptions) {
    this.options = options;
    this.config = options.config;
    this.name = options.config.name;
    this.log = (options.logger ?? rootLogger).child({ mcpServer: this.name });
    this.state = options.config.disabled ? 'disabled' : 'connecting';
  }

  /** Connects (first time). Throws `HostError('connect_failed')` naming the server and the reason. */
  async connect(): Promise<void> {
    if (this.state === 'disabled') return;
    this.state = 'connecting';
    const attempt = this.establish();
    this.pending = attempt;
    try {
      await attempt;
      this.state = 'ready';
    } catch (error) {
      this.state = 'failed';
      this.lastError = errorMessage(error);
      throw error;
    } finally {
      if (this.pending === attempt) this.pending = undefined;
    }
  }

  /** The client when the connection is ready right now (the hot path: no waiting, no allocation). */
  readyClient(): Client | undefined {
    return this.state === 'ready' ? this.client : undefined;
  }

  /** The ready client, waiting for a connect or restart in progress (bounded by `signal`). */
  async ready(signal: AbortSignal, tool?: string): Promise<Client> {
    if (this.pending && (this.state === 'connecting' || this.state === 'restarting')) {
      await raceSignal(
        this.pending.catch(() => {}),
        signal,
      );
    }
    if (this.state === 'ready' && this.client) return this.client;
    if (this.state === 'closed')
      throw new HostError('closed', 'the host is closed', { details: { server: this.name } });
    const why = this.state === 'disabled' ? 'it is disabled in the config' : (this.lastError ?? this.state);
    throw new HostError('server_unavailable', `MCP server "${this.name}" is not available: ${why}`, {
      details: { server: this.name, ...(tool ? { tool } : {}) },
    });
  }

  /** True when the error means the connection dropped under the call (not a server's answer). */
  isConnectionLoss(): boolean {
    return this.state === 'restarting' || this.state === 'failed' || this.state === 'closed';
  }

  /** A progress token for one call; see ProgressTracker for why we track progress ourselves. */
  trackProgress(handler: (progress: HostToolProgress) => void): { token: string; dispose(): void } {
    return this.progress.track(handler);
  }

  /** Lines the child wrote to stderr most recently (explains crashes). */
  stderr(): string[] {
    return [...this.stderrTail];
  }

  status(): ServerStatus {
    const version = this.client?.getServerVersion();
    return {
      name: this.name,
      kind: this.config.kind,
      state: this.state,
      ...(this.opened ? { transport: this.opened.kind } : {}),
      ...(this.lastError ? { error: this.lastError } : {}),
      tools: this.tools.length,
      restarts: this.restarts,
      ...(version ? { serverInfo: { name: version.name, version: version.version } } : {}),
    };
  }

  /** Ends the connection and its child process (stdin close → SIGTERM → SIGKILL). Idempotent. */
  async close(): Promise<void> {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.closeController.abort();
    const { client, opened } = this;
    this.client = undefined;
    this.opened = undefined;
    if (opened) await closeTransport(client, opened, this.options.killGraceMs ?? 1500);
  }

  /** One connection attempt within `connect_timeout_ms`; URL servers in `auto` mode fall back to SSE. */
  private async establish(): Promise<void> {
    const deadline = deadlineSignal(this.config.connectTimeoutMs, this.closeController.signal);
    try {
      if (this.config.kind === 'url' && this.config.transport === 'auto') {
        try {
          await this.attempt(deadline, 'http');
        } catch (error) {
          if (
            !(error instanceof StreamableHTTPError) ||
            error.code === undefined ||
            error.code < 400 ||
            error.code > 499
          )
            throw error;
          this.log.info({ status: error.code }, 'Streamable HTTP refused; falling back to legacy SSE');
          await this.attempt(deadline, 'sse');
        }
      } else {
        await this.attempt(deadline);
      }
    } catch (error) {
      if (HostError.isInstance(error)) throw error;
      const timedOut = deadline.aborted && !this.closeController.signal.aborted;
      const reason = timedOut
        ? `no answer within ${this.config.connectTimeoutMs} ms`
        : errorMessage(error) + this.stderrHint();
      throw new HostError('connect_failed', `MCP server "${this.name}" failed to connect: ${reason}`, {
        cause: error,
        details: { server: this.name },
      });
    }
  }

  private async attempt(deadline: AbortSignal, variant?: 'http' | 'sse'): Promise<void> {
    const generation = ++this.generation;
    const opened = await openTransport(this.config, this.options.builtins, (line) => this.onStderr(line), variant);
    const client = new Client(this.options.clientInfo, {
      capabilities: clientCapabilities(this.options.handlers),
      jsonSchemaValidator: lazyValidator,
    });
    installClientHandlers(client, this.options.handlers, this.name);
    try {
      await raceSignal(
        client.connect(opened.transport, { signal: deadline, timeout: this.config.connectTimeoutMs }),
        deadline,
      );
      const caps = client.getServerCapabilities() ?? {};
      const [tools, resources, prompts] = await raceSignal(
        Promise.all([
          caps.tools ? this.fetchTools(client, deadline) : Promise.resolve([]),
          caps.resources ? this.fetchResources(client, deadline) : Promise.resolve([]),
          caps.prompts ? this.fetchPrompts(client, deadline) : Promise.resolve([]),
        ]),
        deadline,
      );
      this.tools = tools;
      this.resources = resources;
      this.prompts = prompts;
    } catch (error) {
      await closeTransport(client, opened, this.options.killGraceMs ?? 1500);
      throw error;
    }
    this.client = client;
    this.opened = opened;
    const deliver = opened.transport.onmessage;
    opened.transport.onmessage = (message, extra) => {
      this.progress.onMessage(message);
      deliver?.(message, extra);
    };
    // The SDK reports our own progress tokens as "unknown" (we handle them above); not worth a warning.
    client.onerror = (error) => this.log.debug({ err: errorMessage(error) }, 'MCP client error');
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => this.refresh('tools', generation));
    client.setNotificationHandler(ResourceListChangedNotificationSchema, () => this.refresh('resources', generation));
    client.setNotificationHandler(PromptListChangedNotificationSchema, () => this.refresh('prompts', generation));
    client.onclose = () => this.onUnexpectedClose(generation);
  }

  private fetchTools(client: Client, signal: AbortSignal): Promise<McpTool[]> {
    return listAll(
      (cursor) => client.listTools(cursor ? { cursor } : {}, { signal }),
      (page) => page.tools.filter((tool) => passesFilter(tool.name, this.config.tools)),
    );
  }

  private fetchResources(client: Client, signal: AbortSignal): Promise<Resource[]> {
    return listAll(
      (cursor) => client.listResources(cursor ? { cursor } : {}, { signal }),
      (page) => page.resources,
    );
  }

  private fetchPrompts(client: Client, signal: AbortSignal): Promise<Prompt[]> {
    return listAll(
      (cursor) => client.listPrompts(cursor ? { cursor } : {}, { signal }),
      (page) => page.prompts,
    );
  }

  /** Re-lists after `notifications/*_list_changed`; concurrent notifications share one refresh. */
  private refresh(kind: 'tools' | 'resources' | 'prompts', generation: number): Promise<void> {
    const running = this.refreshing.get(kind);
    if (running) return running;
    const run = (async () => {
      const client = this.client;
      if (!client || generation !== this.generation) return;
      const signal = deadlineSignal(this.config.timeoutMs, this.closeController.signal);
      try {
        if (kind === 'tools') this.tools = await this.fetchTools(client, signal);
        if (kind === 'resources') this.resources = await this.fetchResources(client, signal);
        if (kind === 'prompts') this.prompts = await this.fetchPrompts(client, signal);
        this.log.debug({ kind }, 'list refreshed after list_changed');
        if (kind === 'tools') this.options.onToolsChanged?.(this.name);
      } catch (error) {
        this.log.warn({ kind, err: errorMessage(error) }, 'list refresh failed');
      } finally {
        this.refreshing.delete(kind);
      }
    })();
    this.refreshing.set(kind, run);
    return run;
  }

  private onStderr(line: string): void {
    this.stderrTail.push(line);
    if (this.stderrTail.length > STDERR_TAIL_LINES) this.stderrTail.shift();
    this.log.debug({ stderr: line }, 'server stderr');
  }

  private stderrHint(): string {
    const last = this.stderrTail.at(-1);
    return last ? ` (stderr: ${last.slice(0, 300)})` : '';
  }

  /** The transport closed without us asking: the server crashed. Restart it, with backoff. */
  private onUnexpectedClose(generation: number): void {
    if (generation !== this.generation || this.state === 'closed') return;
    this.client = undefined;
    const opened = this.opened;
    this.opened = undefined;
    if (opened) void closeTransport(undefined, opened, this.options.killGraceMs ?? 1500);
    this.lastError = `the server's connection closed unexpectedly${this.stderrHint()}`;
    this.log.warn({ err: this.lastError }, 'MCP server crashed');
    if (this.config.restart.maxAttempts === 0) {
      this.state = 'failed';
      return;
    }
    this.state = 'restarting';
    const restart = this.restartWithBackoff();
    this.pending = restart;
    void restart.finally(() => {
      if (this.pending === restart) this.pending = undefined;
    });
  }

  private async restartWithBackoff(): Promise<void> {
    const { maxAttempts, backoffMs } = this.config.restart;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      try {
        await sleep(Math.min(backoffMs * 2 ** (attempt - 1), MAX_BACKOFF_MS), this.closeController.signal);
      } catch {
        return; // closed while waiting
      }
      try {
        await this.establish();
        if (this.state !== 'restarting') return;
        this.state = 'ready';
        this.restarts++;
        this.log.info({ attempt }, 'MCP server restarted');
        this.options.onToolsChanged?.(this.name);
        return;
      } catch (error) {
        this.lastError = errorMessage(error);
        this.log.warn({ attempt, err: this.lastError }, 'MCP server restart failed');
      }
    }
    if (this.state === 'restarting') this.state = 'failed';
  }
}
