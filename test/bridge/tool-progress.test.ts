import { credentials, type Client as GrpcClient } from '@grpc/grpc-js';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type {
  AgentApplication,
  AgentRequest,
  ExecutionResult,
  StreamItem,
} from '../../src/agents/application/index.js';
import { functionTool, LlmAgent, Runner } from '../../src/agents/runtime/index.js';
import { InMemorySessionStore } from '../../src/agents/sessions/index.js';
import { toWireChunk } from '../../src/bridge/grpc/agent-wire.js';
import {
  createAgentsMcpServer,
  createHttpApp,
  type GrpcBridge,
  HttpMetrics,
  startGrpcBridge,
} from '../../src/bridge/index.js';
import { serviceConstructor } from '../../src/shared/grpc/proto-loader.js';
import { ScriptedModel } from '../support/scripted-model.js';

/**
 * A small real application: one agent on the real runtime whose tool reports progress 1/3 and 3/3
 * (2/3 is held back by the throttle and replaced by 3/3). Each run plays the same two model turns.
 */
function progressApp(): AgentApplication {
  const runner = new Runner({ sessions: new InMemorySessionStore() });
  const agentFor = () => {
    const migrate = functionTool({
      name: 'migrate',
      description: 'Migrates the contacts.',
      parameters: z.object({}),
      async execute(_args, context) {
        context.onProgress?.({ progress: 1, total: 3, message: 'copying' });
        context.onProgress?.({ progress: 2, total: 3 });
        context.onProgress?.({ progress: 3, total: 3, message: 'checking' });
        return 'migrated';
      },
    });
    const model = new ScriptedModel([{ toolCalls: [{ name: 'migrate', id: 'call-m' }] }, 'Migração concluída.']);
    return new LlmAgent({ name: 'ops', description: 'Operations', instruction: 'x', model, tools: [migrate] });
  };
  const resultOf = (text: string): ExecutionResult => ({
    response: text,
    intent: 'operations',
    confidence: 1,
    suggested_actions: [],
    metadata: {},
    latency_ms: 1,
    tool_calls: [],
    thoughts: { reasoning_steps: [], final_answer: text },
    agent_used: 'ops',
  });
  async function* stream(request: AgentRequest): AsyncGenerator<StreamItem> {
    let text = '';
    for await (const event of runner.run(agentFor(), { message: request.message, tenantId: request.tenantId })) {
      if (event.type === 'final') text = event.text;
      yield event;
    }
    yield { type: 'result', result: resultOf(text) };
  }
  return {
    async execute(request) {
      for await (const item of stream(request)) if (item.type === 'result') return item.result;
      throw new Error('no result');
    },
    stream,
    agents: () => [
      {
        type: 'ops',
        avg_latency_ms: 0,
        name: 'Ops',
        description: 'Operations',
        category: 'operations',
        tools: ['migrate'],
        customer_facing: false,
      },
    ],
    templates: () => [],
  };
}

describe('tool progress through the bridges', () => {
  const app = progressApp();
  let grpc: GrpcBridge;

  beforeAll(async () => {
    grpc = await startGrpcBridge({
      app,
      port: 0,
      host: '127.0.0.1',
      apiTokens: new Map(),
      defaultTenantId: 'tenant-demo',
    });
  });
  afterAll(async () => {
    await grpc?.close();
  });

  it('HTTP SSE sends tool_progress events between the call and its result', async () => {
    const http = createHttpApp({
      app,
      metrics: new HttpMetrics(),
      apiTokens: new Map(),
      defaultTenantId: 'tenant-demo',
    });
    const response = await http.request('/api/agents/ops/stream', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'migre' }),
    });
    expect(response.status).toBe(200);
    const body = await response.text();
    const events = [...body.matchAll(/^event: (\S+)$/gm)].map((m) => m[1]);
    expect(events.filter((e) => e?.startsWith('tool_'))).toEqual([
      'tool_call',
      'tool_progress',
      'tool_progress',
      'tool_result',
    ]);
    const progress = [...body.matchAll(/^data: (.*"type":"tool_progress".*)$/gm)].map((m) => JSON.parse(m[1] ?? '{}'));
    expect(progress).toEqual([
      expect.objectContaining({ callId: 'call-m', tool: 'migrate', progress: 1, total: 3, message: 'copying' }),
      expect.objectContaining({ callId: 'call-m', tool: 'migrate', progress: 3, total: 3, message: 'checking' }),
    ]);
  });

  it('gRPC streams progress as TOOL_CALL chunks with progress and total in the metadata', async () => {
    const AgentService = serviceConstructor('agent.proto', 'ventros.agents.AgentService');
    const client = new AgentService(`127.0.0.1:${grpc.port}`, credentials.createInsecure()) as unknown as GrpcClient & {
      StreamAgentExecution(request: unknown): NodeJS.ReadableStream;
    };
    try {
      const chunks: Array<{ type: string; content: string; metadata: Record<string, string> }> = [];
      for await (const chunk of client.StreamAgentExecution({ agent_type: 'ops', message: 'migre' }) as AsyncIterable<
        (typeof chunks)[number]
      >) {
        chunks.push(chunk);
      }
      const toolChunks = chunks.filter((c) => c.type === 'TOOL_CALL' || c.type === 'TOOL_RESULT');
      expect(toolChunks.map((c) => [c.type, c.metadata.progress ?? '', c.metadata.total ?? ''])).toEqual([
        ['TOOL_CALL', '', ''],
        ['TOOL_CALL', '1', '3'],
        ['TOOL_CALL', '3', '3'],
        ['TOOL_RESULT', '', ''],
      ]);
      expect(toolChunks[1]).toMatchObject({ content: 'copying', metadata: { tool: 'migrate', call_id: 'call-m' } });
      expect(chunks.at(-1)).toMatchObject({ type: 'FINAL', content: 'Migração concluída.' });
    } finally {
      client.close();
    }
  });

  it('gRPC describes progress without a message by its amount', () => {
    const chunk = toWireChunk({
      type: 'tool_progress',
      runId: 'r',
      agent: 'ops',
      at: 0,
      elapsedMs: 0,
      callId: 'c',
      tool: 'export',
      progress: 40,
    });
    expect(chunk).toEqual({
      type: 'TOOL_CALL',
      content: 'export: 40',
      metadata: { agent: 'ops', tool: 'export', call_id: 'c', progress: '40' },
    });
  });

  it('MCP sends tool progress as progress notifications of the agent run', async () => {
    const server = createAgentsMcpServer(app, { tenantId: 'tenant-demo' });
    const client = new Client({ name: 'progress-watcher', version: '1.0.0' });
    const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
    await server.connect(serverTransport);
    await client.connect(clientTransport);
    try {
      const messages: string[] = [];
      const result = await client.callTool(
        { name: 'run_agent', arguments: { agent: 'ops', message: 'migre' } },
        {
          onprogress: (p) => messages.push(p.message ?? ''),
        },
      );
      expect(result.isError).toBeFalsy();
      expect(messages).toEqual(
        expect.arrayContaining(['ops: calling migrate', 'ops: migrate 1/3 — copying', 'ops: migrate 3/3 — checking']),
      );
      expect(messages.indexOf('ops: migrate 1/3 — copying')).toBeGreaterThan(messages.indexOf('ops: calling migrate'));
    } finally {
      await client.close();
      await server.close();
    }
  });
});
