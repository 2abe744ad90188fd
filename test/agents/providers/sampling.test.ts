import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../../src/agents/catalog/templates.js';
import type { Model } from '../../../src/agents/model/index.js';
import { sendsTopP } from '../../../src/agents/providers/anthropic/anthropic-sampling.js';
import { createModel } from '../../../src/agents/providers/create-model.js';
import { LlmAgent, Runner } from '../../../src/agents/runtime/index.js';
import { InMemorySessionStore } from '../../../src/agents/sessions/index.js';
import { loadEnv } from '../../../src/shared/config.js';
import { createTestModels, FAST_RETRY, useMockLlm } from '../../support/mock-llm/index.js';

const llm = useMockLlm();

async function runOnce(model: Model, settings: { temperature?: number; topP?: number; maxTokens?: number }) {
  llm.mock.enqueue({ text: 'ok' });
  const agent = new LlmAgent({ name: 'a', description: 'a', instruction: 'Responda.', model, ...settings });
  const runner = new Runner({ sessions: new InMemorySessionStore() });
  for await (const _ of runner.run(agent, { message: 'oi', tenantId: 't' })) {
    // drain
  }
  return llm.mock.requests.at(-1)?.body as Record<string, unknown>;
}

describe("the seed's per-agent sampling", () => {
  it('pins row 28: temperature and max tokens per agent, and top_p 0.95 on every template', () => {
    const byId = new Map(TEMPLATES.map((t) => [t.template_id, t]));
    const expected: Record<string, [number, number]> = {
      retention_churn: [0.7, 2048],
      sales_prospecting: [0.8, 1024],
      support_technical: [0.5, 2048],
      balanced: [0.7, 1024],
      bi_manager: [0.3, 4096],
      agent_analyzer: [0.2, 4096],
      sdr: [0.7, 2048],
    };
    for (const [id, [temperature, maxTokens]] of Object.entries(expected)) {
      expect({ id, temperature: byId.get(id)?.temperature, max_tokens: byId.get(id)?.max_tokens }).toEqual({
        id,
        temperature,
        max_tokens: maxTokens,
      });
    }
    for (const template of TEMPLATES)
      expect({ id: template.template_id, top_p: template.top_p }).toEqual({ id: template.template_id, top_p: 0.95 });
  });

  it('sends top_p with the temperature to an Anthropic model that takes both (real SDK body)', async () => {
    const { anthropic } = createTestModels(llm.mock, { anthropicModel: 'claude-3-5-haiku-latest' });
    const body = await runOnce(anthropic, { temperature: 0.7, topP: 0.95, maxTokens: 2048 });
    expect(body).toMatchObject({ model: 'claude-3-5-haiku-latest', temperature: 0.7, top_p: 0.95, max_tokens: 2048 });
  });

  it('keeps the temperature and leaves top_p out for a current Claude, which refuses both', async () => {
    const body = await runOnce(llm.models.anthropic, { temperature: 0.7, topP: 0.95 });
    expect(body).toMatchObject({ model: 'claude-sonnet-4-6', temperature: 0.7 });
    expect(body).not.toHaveProperty('top_p');
    expect(await runOnce(llm.models.anthropic, { topP: 0.95 })).toMatchObject({ top_p: 0.95 });
    expect(sendsTopP('claude-sonnet-4-20250514', { temperature: 0.5, topP: 0.9 })).toBe(true);
    expect(sendsTopP('claude-opus-4-1-20250805', { temperature: 0.5, topP: 0.9 })).toBe(false);
    expect(sendsTopP('claude-haiku-4-5', { temperature: 0.5, topP: 0.9 })).toBe(false);
  });

  it('sends topP in the Gemini generationConfig (real SDK body)', async () => {
    const body = await runOnce(llm.models.gemini, { temperature: 0.8, topP: 0.95, maxTokens: 1024 });
    expect(body['generationConfig']).toMatchObject({ temperature: 0.8, topP: 0.95, maxOutputTokens: 1024 });
  });
});

describe('AGENT_DEFAULT_MODEL, AGENT_MAX_TOKENS and AGENT_TEMPERATURE', () => {
  const keys = { ANTHROPIC_API_KEY: 'k', GEMINI_API_KEY: 'g' };

  it('AGENT_DEFAULT_MODEL takes the seed’s bare name or a spec, under VENTROS_MODEL and an explicit spec', () => {
    expect(createModel(undefined, { ...keys, AGENT_DEFAULT_MODEL: 'gemini-2.0-flash' }).id).toBe(
      'gemini:gemini-2.0-flash',
    );
    expect(createModel(undefined, { ...keys, AGENT_DEFAULT_MODEL: 'claude-haiku-4-5' }).id).toBe(
      'anthropic:claude-haiku-4-5',
    );
    expect(createModel(undefined, { ...keys, AGENT_DEFAULT_MODEL: 'offline' }).provider).toBe('offline');
    expect(
      createModel(undefined, {
        ...keys,
        VENTROS_MODEL: 'gemini:gemini-2.5-pro',
        AGENT_DEFAULT_MODEL: 'gemini-2.0-flash',
      }).id,
    ).toBe('gemini:gemini-2.5-pro');
    expect(createModel('offline', { ...keys, AGENT_DEFAULT_MODEL: 'gemini-2.0-flash' }).provider).toBe('offline');
    expect(() => createModel(undefined, { ...keys, AGENT_DEFAULT_MODEL: 'gpt-5' })).toThrow(
      /AGENT_DEFAULT_MODEL "gpt-5"/,
    );
  });

  it('rejects bad values with the variable and what it expects', () => {
    expect(() => loadEnv({ AGENT_TEMPERATURE: 'hot' })).toThrow(/AGENT_TEMPERATURE: expected a number from 0 to 2/);
    expect(() => loadEnv({ AGENT_TEMPERATURE: '2.5' })).toThrow(/AGENT_TEMPERATURE/);
    expect(() => loadEnv({ AGENT_MAX_TOKENS: '0' })).toThrow(/AGENT_MAX_TOKENS: expected a whole number of tokens/);
    expect(() => loadEnv({ AGENT_MAX_TOKENS: '1.5' })).toThrow(/AGENT_MAX_TOKENS/);
    expect(() => createModel('offline', { AGENT_MAX_TOKENS: 'lots' })).toThrow(/AGENT_MAX_TOKENS/);
    expect(
      loadEnv({ AGENT_TEMPERATURE: '0.7', AGENT_MAX_TOKENS: '8192', AGENT_DEFAULT_MODEL: ' gemini-2.0-flash ' }),
    ).toMatchObject({
      AGENT_TEMPERATURE: 0.7,
      AGENT_MAX_TOKENS: 8192,
      AGENT_DEFAULT_MODEL: 'gemini-2.0-flash',
    });
  });

  it.each(['anthropic', 'gemini'] as const)(
    'fill an agent that sets neither; the agent’s own value and the run’s options win over them (%s)',
    async (provider) => {
      const env = {
        ...keys,
        ANTHROPIC_BASE_URL: llm.mock.anthropicBaseUrl,
        GEMINI_BASE_URL: llm.mock.geminiBaseUrl,
        AGENT_MAX_TOKENS: '8192',
        AGENT_TEMPERATURE: '0.4',
      };
      const spec = provider === 'anthropic' ? 'anthropic:claude-3-5-haiku-latest' : 'gemini:gemini-2.5-flash';
      const model = createModel(spec, env, { retry: FAST_RETRY });
      const read = (body: Record<string, unknown>) => {
        const config = (body['generationConfig'] ?? body) as Record<string, unknown>;
        return { temperature: config['temperature'], max: config['max_tokens'] ?? config['maxOutputTokens'] };
      };
      expect(read(await runOnce(model, {}))).toEqual({ temperature: 0.4, max: 8192 });
      expect(read(await runOnce(model, { temperature: 0.2, maxTokens: 4096 }))).toEqual({
        temperature: 0.2,
        max: 4096,
      });
      // The caller's ExecutionOptions replace the agent's own for one run.
      llm.mock.enqueue({ text: 'ok' });
      const agent = new LlmAgent({
        name: 'a',
        description: 'a',
        instruction: 'x',
        model,
        temperature: 0.2,
        maxTokens: 4096,
      });
      const runner = new Runner({ sessions: new InMemorySessionStore() });
      for await (const _ of runner.run(agent, {
        message: 'oi',
        tenantId: 't',
        options: { temperature: 0.9, maxTokens: 100 },
      })) {
        // drain
      }
      expect(read(llm.mock.requests.at(-1)?.body as Record<string, unknown>)).toEqual({ temperature: 0.9, max: 100 });
    },
  );
});
