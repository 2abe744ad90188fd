import type { Client, Tool as McpTool, Prompt, Resource, ResourceTemplateType } from '@modelcontextprotocol/client';
import { deadlineSignal, errorMessage, type Logger, logger as rootLogger, sleep } from '../../shared/index.js';
import type { ServerConfig } from '../config/index.js';
import { HostError } from '../errors.js';
import type { OAuthStore } from '../oauth/oauth-store.js';
import type { BuiltinServerFactory, HostToolProgress, ServerStatus } from '../types.js';
import type { ClientHandlers } from './client-handlers.js';
import { closeTransport } from './close-transport.js';
import { fetchPrompts, fetchResources, fetchResourceTemplates, fetchTools } from './fetch-listings.js';
import { followListChanges, isModernClient } from './list-subscription.js';
import { type OpenClientOptions, type OpenedClient, openClient } from './open-client.js';
import type { OpenedTransport } from './open-transport.js';
import { ProgressTracker } from './progress-tracker.js';
import { raceSignal } from './race-signal.js';
import { hasHttpSession, isNotFoundResponse } from './session-loss.js';

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
  /** Where servers with `oauth` keep their tokens (`ventros mcp login`). */
  oauthStore?: OAuthStore;
}

/** Crashes counted against `restart.max_attempts` (see `onUnexpectedClose`). */
const CRASH_WINDOW_MS = 60_000;

/** Longest wait between restart attempts, whatever the backoff says. */
const MAX_BACKOFF_MS = 30_000;
const STDERR_TAIL_LINES = 20;
/** How long a lost session's client stays open for requests already sent on it (see `retire`). */
const RETIRE_GRACE_MS = 5_000;

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
  /** `resources/templates/list`, refreshed with the resources on `resources/list_changed`. */
  resourceTemplates: ResourceTemplateType[] = [];
  prompts: Prompt[] = [];

  private readonly options: ServerConnectionOptions;
  private readonly log: Logger;
  private readonly openOptions: OpenClientOptions;
  private readonly closeController = new AbortController();
  private client: Client | undefined;
  private opened: OpenedTransport | undefined;
  private state: ServerStatus['state'];
  private pending: Promise<void> | undefined;
  private generation = 0;
  private restarts = 0;
  /** When the server last crashed (within CRASH_WINDOW_MS), for the restart budget. */
  private recentCrashes: number[] = [];
  private lastError: string | undefined;
  private stderrTail: string[] = [];
  private refreshing = new Map<'tools' | 'resources' | 'prompts', Promise<void>>();
  /** Clients retired because the server forgot their session: a 404 on them is safe to retry. */
  private readonly lostSessions = new WeakSet<Client>();
  /** Connections of lost sessions, left open until their in-flight requests are past any deadline. */
  private readonly retired = new Map<Client, { opened: OpenedTransport; timer: NodeJS.Timeout }>();
  private readonly progress = new ProgressTracker((error) =>
    this.log.warn({ err: errorMessage(error) }, 'onProgress callback threw'),
  );

  constructor(options: ServerConnectionOptions) {
    this.options = options;
    this.config = options.config;
    this.name = options.config.name;
    this.log = (options.logger ?? rootLogger).child({ mcpServer: this.name });
    const { builtins, handlers, clientInfo } = options;
    const onStderr = (line: string) => this.onStderr(line);
    this.openOptions = {
      config: this.config,
      builtins,
      handlers,
      clientInfo,
      onStderr,
      graceMs: this.graceMs,
      log: this.log,
      ...(options.oauthStore ? { oauthStore: options.oauthStore } : {}),
    };
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
      if (!this.closeController.signal.aborted) this.state = 'failed';
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

  /**
   * Called when a request on `client` failed. When the failure is a Streamable HTTP 404 for our
   * session — the server restarted or expired it, so it never ran the request — a new session is
   * started (one re-initialization shared by every caller that noticed) and this returns true: the
   * caller may wait on `ready()` and send the request once more. False for any other failure.
   */
  recoverSession(client: Client, error: unknown): boolean {
    if (!isNotFoundResponse(error)) return false;
    if (client === this.client) return this.onSessionLost(this.generation);
    // Someone else noticed first and already retired this client.
    return this.lostSessions.has(client);
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
    const protocolVersion = this.client?.getNegotiatedProtocolVersion();
    return {
      name: this.name,
      kind: this.config.kind,
      state: this.state,
      ...(this.opened ? { transport: this.opened.kind } : {}),
      ...(this.lastError ? { error: this.lastError } : {}),
      tools: this.tools.length,
      restarts: this.restarts,
      ...(version ? { serverInfo: { name: version.name, version: version.version } } : {}),
      ...(protocolVersion ? { protocolVersion } : {}),
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
    const retired = [...this.retired].map(([old, { opened, timer }]) => {
      clearTimeout(timer);
      return closeTransport(old, opened, this.graceMs, { terminate: false });
    });
    this.retired.clear();
    await Promise.all([...retired, ...(opened ? [closeTransport(client, opened, this.graceMs)] : [])]);
  }

  private get graceMs(): number {
    return this.options.killGraceMs ?? 1500;
  }

  /** One connection attempt within `connect_timeout_ms` (see `openClient`), then wired up. */
  private async establish(): Promise<void> {
    const deadline = deadlineSignal(this.config.connectTimeoutMs, this.closeController.signal);
    let result: OpenedClient;
    try {
      result = await openClient(this.openOptions, deadline);
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
    // close() ran while we were opening: this connection has no owner, so end it (and its child) now.
    if (this.closeController.signal.aborted) {
      await closeTransport(result.client, result.opened, this.graceMs);
      throw new HostError('closed', `MCP server "${this.name}" was closed while connecting`, {
        details: { server: this.name },
      });
    }
    this.install(result);
  }

  /** Makes a freshly opened client the live one and listens to it (tagged with a new generation). */
  private install({ client, opened, listings }: OpenedClient): void {
    const generation = ++this.generation;
    this.tools = listings.tools;
    this.resources = listings.resources;
    this.resourceTemplates = listings.resourceTemplates;
    this.prompts = listings.prompts;
    this.client = client;
    this.opened = opened;
    const deliver = opened.transport.onmessage;
    opened.transport.onmessage = (message, extra) => {
      this.progress.onMessage(message);
      deliver?.(message, extra);
    };
    client.onerror = (error) => {
      if (isNotFoundResponse(error)) {
        // The server forgot our session (seen on the GET stream or a request). Deferred by a macrotask
        // so that a request's own 404 reaches its caller first, who then retries on the new session.
        setImmediate(() => this.onSessionLost(generation));
        return;
      }
      // The SDK reports our own progress tokens as "unknown" (we handle them above); not worth a warning.
      this.log.debug({ err: errorMessage(error) }, 'MCP client error');
    };
    client.setNotificationHandler('notifications/tools/list_changed', () => this.refresh('tools', generation));
    client.setNotificationHandler('notifications/resources/list_changed', () => this.refresh('resources', generation));
    client.setNotificationHandler('notifications/prompts/list_changed', () => this.refresh('prompts', generation));
    client.onclose = () => this.onUnexpectedClose(generation);
    if (isModernClient(client)) {
      void followListChanges(client, {
        isCurrent: () => generation === this.generation && this.client === client,
        signal: this.closeController.signal,
        backoffMs: this.config.restart.backoffMs,
        ackTimeoutMs: this.config.timeoutMs,
        onReopened: (filter) => {
          if (filter.toolsListChanged) void this.refresh('tools', generation);
          if (filter.resourcesListChanged) void this.refresh('resources', generation);
          if (filter.promptsListChanged) void this.refresh('prompts', generation);
        },
        log: this.log,
      });
    }
  }

  /**
   * Re-lists after `notifications/*_list_changed` (sent unasked on 2025-11-25, on the `subscriptions/listen`
   * stream on 2026-07-28); concurrent notifications share one refresh.
   */
  private refresh(kind: 'tools' | 'resources' | 'prompts', generation: number): Promise<void> {
    const running = this.refreshing.get(kind);
    if (running) return running;
    const run = (async () => {
      const client = this.client;
      if (!client || generation !== this.generation) return;
      const signal = deadlineSignal(this.config.timeoutMs, this.closeController.signal);
      try {
        if (kind === 'tools') this.tools = await fetchTools(client, signal, this.config.tools);
        if (kind === 'resources') {
          // One notification covers both lists (MCP spec: resources, list changed notification).
          const [resources, templates] = await Promise.all([
            fetchResources(client, signal),
            fetchResourceTemplates(client, signal),
          ]);
          this.resources = resources;
          this.resourceTemplates = templates;
        }
        if (kind === 'prompts') this.prompts = await fetchPrompts(client, signal);
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
    if (opened) void closeTransport(undefined, opened, this.graceMs);
    this.lastError = `the server's connection closed unexpectedly${this.stderrHint()}`;
    this.log.warn({ err: this.lastError }, 'MCP server crashed');
    // Each restart may succeed and the server crash again at once: without a budget across crashes
    // that loop would never end. More crashes than `max_attempts` within a minute: give up.
    const now = Date.now();
    this.recentCrashes = this.recentCrashes.filter((at) => now - at < CRASH_WINDOW_MS);
    this.recentCrashes.push(now);
    if (this.recentCrashes.length > this.config.restart.maxAttempts) {
      this.lastError += `; it crashed ${this.recentCrashes.length} times within a minute, so it is not restarted`;
      this.beginRestart(0, false);
      return;
    }
    this.beginRestart(this.config.restart.maxAttempts, false);
  }

  /**
   * A Streamable HTTP server answered 404 for our session: it restarted or expired it. The spec says
   * to start a new session with a fresh `initialize`; we do so at once (the server is evidently up)
   * and at least once even when restarts are off, then back off like a crash restart.
   */
  private onSessionLost(generation: number): boolean {
    if (generation !== this.generation || this.state !== 'ready' || !hasHttpSession(this.opened)) return false;
    const { client, opened } = this;
    // A new generation first, so the old client's close is not taken for a crash.
    this.generation++;
    this.client = undefined;
    this.opened = undefined;
    if (client && opened) this.retire(client, opened);
    this.lastError = 'the server no longer knows our session (HTTP 404)';
    this.log.warn({ err: this.lastError }, 'MCP session lost; re-initializing');
    this.beginRestart(Math.max(1, this.config.restart.maxAttempts), true);
    return true;
  }

  /**
   * Keeps a lost session's client open a little while for requests already sent on it: each gets its
   * own answer (a 404, which its caller retries on the new session, or its result) instead of a
   * "connection closed" that would leave it unknown whether the server ran it. After the grace (at
   * most the call deadline) the client is closed, without DELETE since the session is gone; a
   * request still waiting then was cut off by a server restart and fails as `server_crashed`.
   */
  private retire(client: Client, opened: OpenedTransport): void {
    this.lostSessions.add(client);
    const timer = setTimeout(
      () => {
        this.retired.delete(client);
        void closeTransport(client, opened, this.graceMs, { terminate: false });
      },
      Math.min(RETIRE_GRACE_MS, this.config.timeoutMs),
    );
    timer.unref();
    this.retired.set(client, { opened, timer });
  }

  private beginRestart(maxAttempts: number, immediate: boolean): void {
    if (maxAttempts === 0) {
      this.state = 'failed';
      return;
    }
    this.state = 'restarting';
    const restart = this.restartWithBackoff(maxAttempts, immediate);
    this.pending = restart;
    void restart.finally(() => {
      if (this.pending === restart) this.pending = undefined;
    });
  }

  /** Up to `maxAttempts` reconnections; the first waits `backoff_ms` unless `immediate`, then doubling. */
  private async restartWithBackoff(maxAttempts: number, immediate: boolean): Promise<void> {
    const { backoffMs } = this.config.restart;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const step = immediate ? attempt - 2 : attempt - 1;
      try {
        if (step >= 0) await sleep(Math.min(backoffMs * 2 ** step, MAX_BACKOFF_MS), this.closeController.signal);
      } catch {
        return; // closed while waiting
      }
      try {
        await this.establish();
        if (this.state !== 'restarting') return;
        this.state = 'ready';
        this.restarts++;
        this.log.info({ attempt }, 'MCP server reconnected');
        this.options.onToolsChanged?.(this.name);
        return;
      } catch (error) {
        this.lastError = errorMessage(error);
        this.log.warn({ attempt, err: this.lastError }, 'MCP server reconnect failed');
      }
    }
    if (this.state === 'restarting') this.state = 'failed';
  }
}
