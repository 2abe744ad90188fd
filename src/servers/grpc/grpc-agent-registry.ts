import * as grpc from '@grpc/grpc-js';
import { z } from 'zod';
import { CHANNEL_OPTIONS, serviceConstructor } from '../../shared/grpc/proto-loader.js';
import { InvalidInputError, NotFoundError } from '../../shared/index.js';
import { DEFAULT_DEADLINE_MS, unaryCall } from './unary-call.js';

/** An agent the Go CRM created from one of our templates, as its registry returns it. */
export interface RemoteAgentRecord {
  agentId: string;
  tenantId: string;
  name: string;
  templateId: string;
  customInstructions: string;
  /** Absent: the template's. */
  temperature?: number;
  maxTokens?: number;
  /** KnowledgeScope fields to override (unchecked here: the catalog validates them). */
  knowledgeScope: Record<string, unknown>;
  memoryStrategy?: string;
  /** Bare tool names; empty: the template's tools. */
  skills: string[];
  active: boolean;
  updatedAtUnix: string;
}

export interface AgentRegistryClient {
  /** The tenant's agent, or undefined when the registry has none by that id. */
  getAgent(tenantId: string, agentId: string, signal?: AbortSignal): Promise<RemoteAgentRecord | undefined>;
  close(): void;
}

const AgentRecordSchema = z.object({
  agent_id: z.string(),
  tenant_id: z.string(),
  name: z.string(),
  template_id: z.string(),
  custom_instructions: z.string().default(''),
  temperature: z.number().default(0),
  max_tokens: z.number().default(0),
  knowledge_scope_json: z.string().default(''),
  memory_strategy: z.string().default(''),
  skills: z.array(z.string()).default([]),
  active: z.boolean().default(false),
  updated_at_unix: z.union([z.string(), z.number()]).default('0'),
});

function scopeOf(json: string, agentId: string): Record<string, unknown> {
  if (json.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(json);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new InvalidInputError(`agent "${agentId}" has a knowledge_scope_json that is not a JSON object`);
}

/**
 * The client of `ventros.registry.AgentRegistryService` (the Go CRM's agent records). proto3 zeros are
 * "the template's setting"; NOT_FOUND is undefined; a record of another tenant is refused as not found.
 */
export function createAgentRegistryClient(options: {
  target: string;
  credentials?: grpc.ChannelCredentials;
  deadlineMs?: number;
}): AgentRegistryClient {
  const Service = serviceConstructor('agent_registry.proto', 'ventros.registry.AgentRegistryService');
  const client = new Service(options.target, options.credentials ?? grpc.credentials.createInsecure(), CHANNEL_OPTIONS);
  return {
    async getAgent(tenantId, agentId, signal) {
      let raw: unknown;
      try {
        raw = await unaryCall(
          client,
          'GetAgent',
          { agent_id: agentId, tenant_id: tenantId },
          { deadlineMs: options.deadlineMs ?? DEFAULT_DEADLINE_MS, maxAttempts: 3, signal },
        );
      } catch (error) {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      }
      const record = AgentRecordSchema.parse(raw);
      if (record.tenant_id !== '' && record.tenant_id !== tenantId) return undefined;
      return {
        agentId: record.agent_id || agentId,
        tenantId,
        name: record.name,
        templateId: record.template_id,
        customInstructions: record.custom_instructions,
        ...(record.temperature > 0 ? { temperature: Math.round(record.temperature * 1000) / 1000 } : {}),
        ...(record.max_tokens > 0 ? { maxTokens: record.max_tokens } : {}),
        knowledgeScope: scopeOf(record.knowledge_scope_json, agentId),
        ...(record.memory_strategy ? { memoryStrategy: record.memory_strategy } : {}),
        skills: record.skills,
        active: record.active,
        updatedAtUnix: String(record.updated_at_unix),
      };
    },
    close: () => client.close(),
  };
}
