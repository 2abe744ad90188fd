import type { Env } from '../shared/index.js';
import { createAgentRegistryClient } from './grpc/grpc-agent-registry.js';

/** An agent the CRM defined, as the application's `AgentDefinitions` port takes it (structurally). */
export interface RegistryAgent {
  agentId: string;
  name: string;
  templateId: string;
  customInstructions: string;
  temperature?: number;
  maxTokens?: number;
  knowledgeScope: Record<string, unknown>;
  memoryStrategy?: string;
  skills: string[];
  active: boolean;
  version: string;
}

export interface AgentRegistry {
  find(tenantId: string, agentId: string, signal?: AbortSignal): Promise<RegistryAgent | undefined>;
  close(): void;
}

/** The Go CRM's agent registry when `AGENT_REGISTRY_GRPC_HOST` is set; undefined otherwise. */
export function agentRegistryOf(env: Pick<Env, 'AGENT_REGISTRY_GRPC_HOST'>): AgentRegistry | undefined {
  if (!env.AGENT_REGISTRY_GRPC_HOST) return undefined;
  const client = createAgentRegistryClient({ target: env.AGENT_REGISTRY_GRPC_HOST });
  return {
    async find(tenantId, agentId, signal) {
      const record = await client.getAgent(tenantId, agentId, signal);
      if (!record) return undefined;
      const { tenantId: _tenant, updatedAtUnix, ...rest } = record;
      return { ...rest, version: updatedAtUnix };
    },
    close: () => client.close(),
  };
}
