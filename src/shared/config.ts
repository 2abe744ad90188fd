import { z } from 'zod';
import { InvalidInputError } from './errors.js';
import { DEFAULT_TIME_ZONE, isTimeZone } from './locale/tenant-settings.js';
import { isPostgresUrl } from './postgres/pg-pool.js';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const port = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 65535) {
        ctx.addIssue({ code: 'custom', message: `expected a port number 0-65535, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

const count = (min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return undefined;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `expected a whole number ${min}-${max}, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

const positiveInt = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n <= 0) {
        ctx.addIssue({ code: 'custom', message: `expected a positive integer, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

/**
 * `AGENT_MAX_TOKENS` (the seed's .env: 8192): the answer-length cap of agents that set none. A string
 * (the environment) or a number (an already parsed env); blank → unset.
 */
export const AgentMaxTokensSchema = z
  .union([z.string(), z.number()])
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || (typeof v === 'string' && v.trim() === '')) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > 1_000_000) {
      ctx.addIssue({ code: 'custom', message: `expected a whole number of tokens 1-1000000, got "${v}"` });
      return z.NEVER;
    }
    return n;
  });

/** `AGENT_TEMPERATURE` (the seed's .env: 0.7): the sampling temperature of agents that set none, 0-2. */
export const AgentTemperatureSchema = z
  .union([z.string(), z.number()])
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || (typeof v === 'string' && v.trim() === '')) return undefined;
    const n = typeof v === 'number' ? v : Number(v.trim());
    if (!Number.isFinite(n) || n < 0 || n > 2) {
      ctx.addIssue({ code: 'custom', message: `expected a number from 0 to 2 (e.g. 0.7), got "${v}"` });
      return z.NEVER;
    }
    return n;
  });

/** The environment variables of ARCHITECTURE.md, all optional, with embedded defaults. */
export const EnvSchema = z.object({
  VENTROS_MODEL: optionalString,
  /**
   * The seed's name for the default model, under VENTROS_MODEL: a spec (`gemini:gemini-2.0-flash`) or a
   * bare model name whose provider is read from it (`gemini-2.0-flash`, `claude-sonnet-4-6`).
   */
  AGENT_DEFAULT_MODEL: optionalString,
  /** Max answer tokens of an agent whose template (or run) sets none. */
  AGENT_MAX_TOKENS: AgentMaxTokensSchema,
  /** Temperature of an agent whose template (or run) sets none. */
  AGENT_TEMPERATURE: AgentTemperatureSchema,
  ANTHROPIC_API_KEY: optionalString,
  ANTHROPIC_BASE_URL: optionalString,
  GEMINI_API_KEY: optionalString,
  GEMINI_BASE_URL: optionalString,
  VENTROS_DATA_DIR: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : './data')),
  PORT: port(8000),
  GRPC_PORT: port(50051),
  MEMORY_SERVICE_GRPC_HOST: optionalString,
  MCP_SERVER_HOST: optionalString,
  /** Sent as `auth_token` on every call to the Go tool service (the seed's MCP_AUTH_TOKEN). Never logged. */
  MCP_AUTH_TOKEN: optionalString,
  /** How often the Go tool service's ListTools is asked again (seconds; default 300; 0: only at start). */
  MCP_TOOLS_REFRESH_SECONDS: count(0, 86_400),
  /** host:port of the Go CRM's agent registry (`proto/agent_registry.proto`): requests may name an `agent_id`. */
  AGENT_REGISTRY_GRPC_HOST: optionalString,
  RABBITMQ_URL: optionalString,
  /**
   * A customer conversation with no new answer for this many seconds has ended and its session goes to
   * memory (`add_session`, once; default 1800; 0: only on the CRM's `session.ended` event).
   */
  VENTROS_SESSION_IDLE_SECONDS: count(0, 604_800).transform((v) => v ?? 1_800),
  /**
   * Characters of the seed's memory sections (recent messages, similar past sessions, contact context,
   * memory facts) appended to an agent's instruction (default 4000, about 1,000 tokens; 0: off).
   */
  VENTROS_MEMORY_CONTEXT_CHARS: count(0, 100_000).transform((v) => v ?? 4_000),
  /** Retries of an outbox row after its first failed publish (default 3, the seed's), before it is `failed`. */
  VENTROS_OUTBOX_MAX_RETRIES: count(0, 20),
  /** First retry delay of the outbox in ms, doubling each retry (default 2000: 2, 4, 8 s). */
  VENTROS_OUTBOX_RETRY_BASE_MS: count(1, 600_000),
  /** POSTed a JSON alert when an outbox row fails for good (Slack, PagerDuty, …). Never logged (it may hold a secret). */
  VENTROS_DLQ_ALERT_WEBHOOK_URL: optionalString.refine((v) => v === undefined || /^https?:\/\/\S+$/.test(v), {
    message: 'expected an http:// or https:// URL',
  }),
  /** Runs of the RabbitMQ bridge in flight at most (default 64); beyond it the broker holds messages back. */
  VENTROS_AMQP_CONCURRENCY: count(1, 10_000),
  /** Unacked deliveries per consumer channel of the bridge (default 2 × concurrency). */
  VENTROS_AMQP_PREFETCH: count(1, 65_535),
  /**
   * Partition queues shared by several instances, one contact's messages in order across them (default 0:
   * off). The same value on every instance of a broker. See docs/SCALE-OUT.md.
   */
  VENTROS_AMQP_PARTITIONS: count(0, 256),
  /** `postgres://…`: sessions, inbox and outbox in PostgreSQL instead of SQLite files in VENTROS_DATA_DIR. */
  DATABASE_URL: optionalString.refine((v) => v === undefined || isPostgresUrl(v), {
    message: 'expected a postgres:// or postgresql:// URL',
  }),
  /**
   * Stable name of this instance among several sharing DATABASE_URL: the DBOS executor id, which
   * decides whose unfinished workflows an instance resumes at start (default: the host name).
   */
  VENTROS_INSTANCE_ID: optionalString.refine((v) => v === undefined || /^[\w.:@-]{1,100}$/.test(v), {
    message: 'expected 1-100 letters, digits or . _ : @ -',
  }),
  /** Workflow days run this many times faster (86400: a day lasts a second); tests and demos. */
  VENTROS_WORKFLOW_CLOCK_SCALE: optionalString,
  /** PostgreSQL schema of the workflow engine's tables (default `dbos`). */
  VENTROS_WORKFLOW_SCHEMA: optionalString.refine((v) => v === undefined || /^[a-z_][a-z0-9_]{0,62}$/.test(v), {
    message: 'expected a lower-case SQL identifier (letters, digits, _; at most 63)',
  }),
  VENTROS_API_TOKENS: optionalString,
  /**
   * HMAC key of the 2026-07-28 MCP approval `requestState` (at least 32 characters). Every instance that
   * may serve a retried `/mcp` call needs the same one; unset, `serve --workers` makes one for its
   * workers and a single process uses a key of its own.
   */
  VENTROS_MCP_STATE_KEY: optionalString.refine((v) => v === undefined || v.length >= 32, {
    message: 'expected at least 32 characters',
  }),
  /** Which actions wait for a person, per tenant (JSON; see docs/APPROVALS.md). Default: the seed's rules. */
  VENTROS_APPROVAL_RULES: optionalString,
  /** How long a pending approval waits before it expires (seconds; default 86400, a day). */
  VENTROS_APPROVAL_TTL_SECONDS: optionalString.refine((v) => v === undefined || (/^\d+$/.test(v) && Number(v) > 0), {
    message: 'expected a positive whole number of seconds',
  }),
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalString,
  VENTROS_MCP_CONFIG: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : './mcp.config.json')),
  /** IANA time zone of tenants that do not name their own (default America/Sao_Paulo). */
  VENTROS_TIME_ZONE: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : DEFAULT_TIME_ZONE))
    .refine(isTimeZone, { message: 'expected an IANA time zone such as America/Sao_Paulo or UTC' }),
  /**
   * Per-tenant time zones, `tenant:Zone,...` (`tenant-a:America/Sao_Paulo,tenant-b:Europe/Lisbon`);
   * they win over the store's `tenants.time_zone` and `VENTROS_TIME_ZONE`.
   */
  VENTROS_TENANT_TIME_ZONES: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const zones: Record<string, string> = {};
      for (const entry of (v ?? '')
        .split(',')
        .map((e) => e.trim())
        .filter(Boolean)) {
        const at = entry.indexOf(':');
        const tenant = entry.slice(0, at).trim();
        const zone = entry.slice(at + 1).trim();
        if (at <= 0 || !isTimeZone(zone)) {
          ctx.addIssue({ code: 'custom', message: `expected tenant:IANA-zone entries, got "${entry}"` });
          return z.NEVER;
        }
        zones[tenant] = zone;
      }
      return zones;
    }),
  /** Tenant a standalone stdio tool server serves (trusted: the operator's environment, not the model). */
  VENTROS_TENANT_ID: optionalString,
  /** Contact a standalone stdio tool server is scoped to, if any. */
  VENTROS_CONTACT_ID: optionalString,
  /** HTTP: a client has this long to send its request headers (Node closes the connection with 408). */
  VENTROS_HTTP_HEADERS_TIMEOUT_MS: positiveInt(10_000),
  /** HTTP: a client has this long to send a JSON body once its headers arrived (408, not a 5xx). */
  VENTROS_HTTP_BODY_TIMEOUT_MS: positiveInt(10_000),
  /** HTTP: open connections at most; more are refused (closed) until some end. */
  VENTROS_HTTP_MAX_CONNECTIONS: positiveInt(1024),
});

export type Env = z.infer<typeof EnvSchema>;

/**
 * Reads and validates the environment once. A bad value fails with the variable's name and what was
 * expected, instead of surfacing later as a confusing error.
 */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new InvalidInputError(`invalid environment: ${problems}`);
  }
  return parsed.data;
}

export { DEFAULT_TENANT_ID } from './defaults.js';
