import * as grpc from '@grpc/grpc-js';
import { serviceConstructor } from '../../../src/shared/grpc/proto-loader.js';

/**
 * A small stand-in for the Go CRM on 127.0.0.1:<random port>: `ventros.memory.MemoryService` and
 * `ventros.tools.ToolService` over in-memory data, with fault injection (UNAVAILABLE for the next N
 * calls of a method, a delay per method) and a log of every request, for the proxy, deadline and
 * retry tests. Not a reimplementation of the Go services: just enough behaviour to observe ours.
 */
export interface FakeGoCrm {
  target: string;
  /** Every request received, by method, in order. */
  /** Every request, with its `x-idempotency-key` metadata when it had one. */
  calls: Array<{ method: string; request: Record<string, unknown>; idempotencyKey?: string }>;
  /** Fail the next `times` calls of `method` with UNAVAILABLE. */
  failNext(method: string, times: number, code?: grpc.status): void;
  /** Delay every call of `method` by `ms` (0 to clear). */
  delay(method: string, ms: number): void;
  /** What ListTools answers from now on. */
  setTools(tools: FakeToolInfo[]): void;
  close(): Promise<void>;
}

interface StoredMemory {
  tenant_id: string;
  id: string;
  contact_id: string;
  content: string;
  memory_type: string;
  metadata: Record<string, string>;
  importance: number;
  created_at: { seconds: string; nanos: number };
}

/** Thrown by a fake handler to answer with a specific status. */
class FakeStatus extends Error {
  constructor(
    readonly code: grpc.status,
    message: string,
  ) {
    super(message);
  }
}

type Handler = (request: Record<string, unknown>) => Record<string, unknown>;

/** One ToolInfo of ListTools. */
export interface FakeToolInfo {
  name: string;
  description: string;
  parameters_json: string;
  server?: string;
}

/** The Go side's own facts its read-only tools answer (the host's rule checks read them). */
export interface FakeCrmFacts {
  /** Offers already made, by contact (`get_past_offers` → attempts_used). */
  offersUsed?: Record<string, number>;
  /** CLV in BRL by contact (`check_customer_value` → clv). */
  clv?: Record<string, number>;
}

export async function startFakeGoCrm(
  seed: {
    memories?: Array<Omit<StoredMemory, 'created_at'>>;
    /** AgentRecords of `proto/agent_registry.proto`, as the Go CRM would store them. */
    agents?: Array<Record<string, unknown>>;
    /** When set, ExecuteTool and ListTools without this `auth_token` are refused with UNAUTHENTICATED. */
    authToken?: string;
    /** ListTools' answer (default: one `get_leads_count`). */
    tools?: FakeToolInfo[];
    facts?: FakeCrmFacts;
  } = {},
): Promise<FakeGoCrm> {
  const server = new grpc.Server();
  const calls: FakeGoCrm['calls'] = [];
  const failures = new Map<string, { times: number; code: grpc.status }>();
  const delays = new Map<string, number>();
  const now = () => ({ seconds: String(Math.floor(Date.now() / 1000)), nanos: 0 });
  const memories: StoredMemory[] = (seed.memories ?? []).map((m) => ({ ...m, created_at: now() }));

  const wrap =
    (method: string, handler: Handler): grpc.handleUnaryCall<Record<string, unknown>, Record<string, unknown>> =>
    (call, callback) => {
      const key = call.metadata.get('x-idempotency-key')[0];
      calls.push({ method, request: call.request, ...(typeof key === 'string' ? { idempotencyKey: key } : {}) });
      if (seed.authToken !== undefined && call.request.auth_token !== seed.authToken) {
        callback({ code: grpc.status.UNAUTHENTICATED, details: 'missing or wrong auth_token' });
        return;
      }
      const failure = failures.get(method);
      if (failure && failure.times > 0) {
        failure.times -= 1;
        callback({ code: failure.code, details: `injected ${grpc.status[failure.code]}` });
        return;
      }
      const run = () => {
        try {
          callback(null, handler(call.request));
        } catch (error) {
          const code = error instanceof FakeStatus ? error.code : grpc.status.INTERNAL;
          callback({ code, details: (error as Error).message });
        }
      };
      const ms = delays.get(method) ?? 0;
      if (ms > 0) setTimeout(run, ms).unref();
      else run();
    };

  const toWire = (m: StoredMemory, score: number) => ({
    id: m.id,
    content: m.content,
    memory_type: m.memory_type,
    relevance_score: score,
    created_at: m.created_at,
    embedding: [],
    metadata: m.metadata,
    related: [],
    contact_id: m.contact_id,
    importance: m.importance,
  });

  server.addService(serviceConstructor('memory.proto', 'ventros.memory.MemoryService').service, {
    SearchMemories: wrap('SearchMemories', (req) => {
      const words = String(req.query).toLowerCase().split(/\s+/).filter(Boolean);
      const hits = memories
        .filter((m) => m.tenant_id === req.tenant_id && (!req.contact_id || m.contact_id === req.contact_id))
        .map((m) => ({ m, score: words.filter((w) => m.content.toLowerCase().includes(w)).length / words.length }))
        .filter((x) => x.score > 0)
        .sort((a, b) => b.score - a.score)
        .slice(0, Number(req.limit) || 10);
      return {
        memories: hits.map((x) => toWire(x.m, x.score)),
        search_latency_ms: 1.5,
        total_count: hits.length,
        metadata: {
          vector_matches: 0,
          keyword_matches: hits.length,
          graph_matches: 0,
          vector_weight: 0,
          keyword_weight: 1,
          graph_weight: 0,
          mode: req.mode,
          strategy: req.strategy || 'balanced',
        },
      };
    }),
    GetContactContext: wrap('GetContactContext', (req) => {
      const own = memories.filter((m) => m.tenant_id === req.tenant_id && m.contact_id === req.contact_id);
      if (own.length === 0) throw new FakeStatus(grpc.status.NOT_FOUND, `contact ${String(req.contact_id)} not found`);
      return {
        profile: {
          contact_id: req.contact_id,
          name: `Contact ${String(req.contact_id)}`,
          tier: 'premium',
          tags: ['vip'],
          custom_fields: {},
        },
        recent_memories: own.map((m) => toWire(m, 1)),
        recent_messages: [],
        stats: {
          total_messages: 0,
          total_purchases: 1,
          lifetime_value: 1234.5,
          churn_risk: 0.25,
          has_sentiment_average: false,
        },
        latency_ms: 2,
      };
    }),
    StoreMemory: wrap('StoreMemory', (req) => {
      const id = `mem-${memories.length + 1}`;
      memories.push({
        tenant_id: String(req.tenant_id),
        id,
        contact_id: String(req.contact_id),
        content: String(req.content),
        memory_type: String(req.memory_type),
        metadata: (req.metadata as Record<string, string>) ?? {},
        importance: Number(req.importance) || 0.5,
        created_at: now(),
      });
      return { memory_id: id, success: true, latency_ms: 1 };
    }),
    GetRelatedEntities: wrap('GetRelatedEntities', (req) => ({
      entities: [
        {
          entity: { id: 'product-1', type: 'product', properties: { name: 'Plano Pro' } },
          path: [
            {
              from_id: req.entity_id,
              from_type: req.entity_type,
              to_id: 'product-1',
              to_type: 'product',
              relationship: 'purchased',
              weight: 0.9,
              created_at: now(),
            },
          ],
          relevance: 0.9,
        },
      ],
      latency_ms: 1,
    })),
    AddSession: wrap('AddSession', () => ({ memories_created: 1 })),
  });

  server.addService(serviceConstructor('tools.proto', 'ventros.tools.ToolService').service, {
    ListTools: wrap('ListTools', () => ({ tools })),
    ExecuteTool: wrap('ExecuteTool', (req) => {
      const args = JSON.parse(String(req.arguments_json || '{}')) as Record<string, unknown>;
      const contact = String(args.contact_id ?? req.contact_id ?? '');
      const facts = seed.facts ?? {};
      // The read-only answers the host's rule checks use, in the local tools' shape.
      if (req.tool_name === 'get_past_offers' && facts.offersUsed) {
        const used = facts.offersUsed[contact] ?? 0;
        return {
          result_json: JSON.stringify({ contact_id: contact, offers: [], attempts_used: used }),
          is_error: false,
        };
      }
      if (req.tool_name === 'check_customer_value' && facts.clv) {
        return { result_json: JSON.stringify({ contact_id: contact, clv: facts.clv[contact] ?? 0 }), is_error: false };
      }
      if (req.tool_name === 'calculate_lead_score') {
        const n = (k: string) => Number(args[k] ?? 0);
        const score =
          n('budget_score') +
          n('authority_score') +
          n('need_score') +
          n('timeline_score') +
          2 * n('engagement_score') +
          2 * n('company_score') +
          n('source_score') +
          n('response_speed_score');
        return {
          result_json: JSON.stringify({
            total_score: score,
            lead: { lead_id: `go-lead-${contact}`, contact_id: contact, score },
          }),
          is_error: false,
        };
      }
      // A business rule only Go knows (the local schema already caps the discount at 30 %).
      if (req.tool_name === 'create_retention_offer' && Number(args.discount_percent) > 25) {
        return {
          result_json: '',
          is_error: true,
          error_message: 'Go: discount above 25% needs a supervisor for this tenant',
          error_code: 'OFFER_LIMIT',
        };
      }
      return {
        result_json: JSON.stringify({
          served_by: 'fake-go',
          tool: req.tool_name,
          tenant_id: req.tenant_id,
          contact_id: req.contact_id,
          arguments: args,
        }),
        is_error: false,
      };
    }),
  });

  let tools: FakeToolInfo[] = seed.tools ?? [
    { name: 'get_leads_count', description: 'Go: leads', parameters_json: '{"type":"object"}' },
  ];
  const agents = seed.agents ?? [];
  server.addService(serviceConstructor('agent_registry.proto', 'ventros.registry.AgentRegistryService').service, {
    GetAgent: wrap('GetAgent', (req) => {
      const agent = agents.find((a) => a['agent_id'] === req.agent_id && a['tenant_id'] === req.tenant_id);
      if (!agent) throw new FakeStatus(grpc.status.NOT_FOUND, `no agent ${String(req.agent_id)}`);
      return agent;
    }),
  });

  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, p) =>
      error ? reject(error) : resolve(p),
    ),
  );
  return {
    target: `127.0.0.1:${port}`,
    calls,
    failNext(method, times, code = grpc.status.UNAVAILABLE) {
      failures.set(method, { times, code });
    },
    delay(method, ms) {
      delays.set(method, ms);
    },
    setTools(next) {
      tools = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.tryShutdown(() => resolve());
        // Calls still waiting on an injected delay would hold tryShutdown: force after a moment.
        setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 200).unref();
      }),
  };
}
