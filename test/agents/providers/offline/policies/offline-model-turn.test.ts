import { describe, expect, it } from 'vitest';
import { templateTools } from '../../../../../src/agents/catalog/index.js';
import { getTemplate } from '../../../../../src/agents/catalog/templates.js';
import type { Message, ToolDefinition } from '../../../../../src/agents/model/index.js';
import { textOf, userText } from '../../../../../src/agents/model/index.js';
import { OfflineModel } from '../../../../../src/agents/providers/offline/offline-model.js';
import { FAKE_RESULTS } from './fake-tool-results.js';

const SERVER_OF: Record<string, string> = {
  search_memory: 'memory',
  check_customer_value: 'retention',
  create_retention_offer: 'retention',
  escalate_to_supervisor: 'retention',
  get_past_offers: 'retention',
  calculate_lead_score: 'sales',
  assign_to_agent: 'sales',
  create_follow_up_task: 'sales',
};

/** Drives the real offline model through one turn, with host-style namespaced tools and fake results. */
async function runTurn(templateId: string, message: string, failing: Record<string, string> = {}) {
  const model = new OfflineModel();
  const tools: ToolDefinition[] = templateTools(getTemplate(templateId))
    .filter((t) => !t.startsWith('agent:'))
    .map((t) => ({ name: `${SERVER_OF[t] ?? 'x'}__${t}`, description: t, inputSchema: { type: 'object' } }));
  const messages: Message[] = [userText(message)];
  const calls: Array<{ name: string; input: Record<string, unknown> }> = [];
  for (let i = 0; i < 8; i++) {
    const response = await model.generate({
      messages,
      tools,
      context: { agentName: templateId, state: { contact_name: 'Carlos Mendes' } },
    });
    const uses = response.content.filter((p) => p.type === 'tool_use');
    if (uses.length === 0) return { calls, text: textOf(response.content) };
    messages.push({ role: 'assistant', content: response.content });
    messages.push({
      role: 'user',
      content: uses.map((use) => {
        const bare = use.name.split('__').pop() as string;
        calls.push({ name: bare, input: use.input });
        const failure = failing[bare];
        return {
          type: 'tool_result',
          toolUseId: use.id,
          toolName: use.name,
          content: failure ?? JSON.stringify(FAKE_RESULTS[bare]?.(use.input)),
          ...(failure ? { isError: true } : {}),
        };
      }),
    });
  }
  throw new Error('the offline model did not answer within 8 calls');
}

describe('offline policies through the real offline model', () => {
  it('retention_churn searches memory first, makes an offer of at most 30 % and quotes it', async () => {
    const { calls, text } = await runTurn('retention_churn', 'Quero cancelar, está muito caro');
    expect(calls[0]?.name).toBe('search_memory');
    const offer = calls.find((c) => c.name === 'create_retention_offer');
    expect(offer).toBeDefined();
    const pct = Number(offer?.input.discount_percent);
    expect(pct).toBeLessThanOrEqual(30);
    expect(text).toContain(`${pct}%`);
    expect(text).toMatch(/Carlos/);
  });

  it('reads a failed tool as failed and never quotes its error to the customer', async () => {
    const notFound = 'Contact "anonymous-4f1c" not found.';
    const { text } = await runTurn('retention_churn', 'Quero cancelar, está muito caro', {
      check_customer_value: notFound,
      create_retention_offer: notFound,
    });
    expect(text).not.toMatch(/anonymous|not found|Contact "/);
    expect(text).toMatch(/supervisor/);
  });

  it('sdr scores the lead before anything else and never assigns below 60', async () => {
    const { calls, text } = await runTurn('sdr', 'quanto custa?');
    expect(calls.map((c) => c.name)).toContain('calculate_lead_score');
    const scoreAt = calls.findIndex((c) => c.name === 'calculate_lead_score');
    const assignAt = calls.findIndex((c) => c.name === 'assign_to_agent');
    if (assignAt >= 0) expect(assignAt).toBeGreaterThan(scoreAt); // the fake scores 82: assigning is allowed
    expect(text.length).toBeGreaterThan(20);
  });
});
