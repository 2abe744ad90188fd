import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCrmStore } from '../../../src/servers/store/index.js';
import { callTool, connectStdio, ok, seededDataDir, textOf } from '../framework/harness.js';

let data: { dir: string; cleanup(): void };
let client: Client;

beforeAll(async () => {
  data = await seededDataDir();
  client = await connectStdio('bi', { VENTROS_DATA_DIR: data.dir });
}, 60_000);

afterAll(async () => {
  await client?.close();
  data?.cleanup();
});

describe('bi server over stdio', () => {
  it('lists its five tools with described inputs and output schemas', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(
      [
        'analyze_agent_messages',
        'compare_agents',
        'get_agent_conversion_stats',
        'get_leads_count',
        'get_top_performing_agent',
      ].sort(),
    );
    for (const tool of tools) {
      expect(tool.outputSchema).toBeDefined();
      for (const [field, schema] of Object.entries(tool.inputSchema.properties ?? {})) {
        expect((schema as { description?: string }).description, `${tool.name}.${field}`).toBeTruthy();
      }
      expect(tool.inputSchema.properties).not.toHaveProperty('tenant_id');
    }
  });

  it('counts today’s leads from the store, then serves the same query from cache', async () => {
    const first = ok<{ total_leads: number; from_cache: boolean; period: { name: string } }>(
      await callTool(client, 'get_leads_count', { period: 'today' }),
    );
    expect(first.total_leads).toBeGreaterThan(0);
    expect(first.period.name).toBe('today');
    expect(first.from_cache).toBe(false);
    const second = ok<{ total_leads: number; from_cache: boolean }>(
      await callTool(client, 'get_leads_count', { period: 'today' }),
    );
    expect(second).toMatchObject({ total_leads: first.total_leads, from_cache: true });
  });

  it('invalidates the cache when another process writes a lead', async () => {
    const before = ok<{ total_leads: number }>(await callTool(client, 'get_leads_count', { period: 'today' }));
    const store = await openCrmStore({ path: join(data.dir, 'crm.db') });
    try {
      store.crm.leads.create('tenant-demo', { contact_id: 'contact-ana', source: 'instagram' });
    } finally {
      store.close();
    }
    const after = ok<{ total_leads: number; from_cache: boolean; by_source: Record<string, number> }>(
      await callTool(client, 'get_leads_count', { period: 'today' }),
    );
    expect(after.from_cache).toBe(false);
    expect(after.total_leads).toBe(before.total_leads + 1);
    expect(after.by_source.instagram).toBeGreaterThanOrEqual(1);
  });

  it('accepts a custom period of local days (the tenant is in São Paulo) and refuses one without bounds', async () => {
    const custom = ok<{ period: { from: string; to: string } }>(
      await callTool(client, 'get_leads_count', { period: 'custom', from: '2020-01-01', to: '2020-01-31' }),
    );
    expect(custom.period).toMatchObject({
      from: '2020-01-01T03:00:00.000Z',
      to: '2020-02-01T03:00:00.000Z',
      timezone: 'America/Sao_Paulo',
    });
    const bad = await callTool(client, 'get_leads_count', { period: 'custom' });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toMatch(/needs both "from" and "to"/);
  });

  it('answers bad arguments with a tool error, not a protocol failure', async () => {
    const result = await callTool(client, 'get_leads_count', { period: 'last_century' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/Invalid arguments/);
  });

  it('finds an agent by first name without accents and reports its conversion', async () => {
    const stats = ok<{ agents: Array<{ agent_id: string; conversion_rate: number; leads_assigned: number }> }>(
      await callTool(client, 'get_agent_conversion_stats', { agent_name: 'joao', period: 'last_30_days' }),
    );
    expect(stats.agents).toHaveLength(1);
    expect(stats.agents[0]?.agent_id).toBe('agent-joao');
    expect(stats.agents[0]?.leads_assigned).toBeGreaterThan(0);
  });

  it('names the agents when asked about one that does not exist', async () => {
    const result = await callTool(client, 'get_agent_conversion_stats', { agent_name: 'Zé Ninguém' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/No agent matches "Zé Ninguém"\. Agents: .*agent-joao/);
  });

  it('ranks agents and names the top performer by conversions', async () => {
    const top = ok<{ winner: { agent_id: string } | null; ranking: Array<{ value: number }> }>(
      await callTool(client, 'get_top_performing_agent', { metric: 'conversions', period: 'last_30_days' }),
    );
    expect(top.winner?.agent_id).toBe('agent-joao');
    const values = top.ranking.map((r) => r.value);
    expect(values).toEqual([...values].sort((a, b) => b - a));
  });

  it('returns message samples and indicators for the Agent Analyzer', async () => {
    const analysis = ok<{
      agent: { agent_id: string };
      samples: Array<{ text: string }>;
      indicators: { messages_analyzed: number; question_ratio: number };
    }>(await callTool(client, 'analyze_agent_messages', { agent: 'João', period: 'last_30_days', limit: 5 }));
    expect(analysis.agent.agent_id).toBe('agent-joao');
    expect(analysis.samples.length).toBeGreaterThan(0);
    expect(analysis.samples.length).toBeLessThanOrEqual(5);
    expect(analysis.indicators.messages_analyzed).toBeGreaterThanOrEqual(analysis.samples.length);
    expect(analysis.indicators.question_ratio).toBeGreaterThanOrEqual(0);
  });

  it('compares João and Maria dimension by dimension', async () => {
    const cmp = ok<{
      agents: Array<{ agent_id: string; conversion_rate: number }>;
      dimensions: Array<{ name: string; winner: string | null }>;
      overall_winner: string | null;
      insights: string[];
    }>(await callTool(client, 'compare_agents', { agent_a: 'João', agent_b: 'Maria', period: 'last_30_days' }));
    expect(cmp.agents.map((a) => a.agent_id)).toEqual(['agent-joao', 'agent-maria']);
    const [joao, maria] = cmp.agents;
    expect(joao?.conversion_rate).not.toBe(maria?.conversion_rate);
    expect(cmp.dimensions.find((d) => d.name === 'conversion_rate')?.winner).toBe(
      (joao?.conversion_rate ?? 0) > (maria?.conversion_rate ?? 0) ? 'João Silva' : 'Maria Souza',
    );
    expect(cmp.insights.length).toBeGreaterThan(0);
  });

  it('refuses to compare an agent with itself', async () => {
    const result = await callTool(client, 'compare_agents', { agent_a: 'agent-joao', agent_b: 'João' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/same agent/);
  });
});
