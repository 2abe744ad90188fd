import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOf, userText } from '../../../src/agents/model/index.js';
import { parseModelSpec } from '../../../src/agents/providers/create-model.js';
import { createModel } from '../../../src/agents/providers/index.js';
import { OfflineModel } from '../../../src/agents/providers/offline/offline-model.js';
import { InvalidInputError } from '../../../src/shared/index.js';
import { type MockLlm, startMockLlm } from '../../support/mock-llm/index.js';

describe('parseModelSpec', () => {
  it('reads the three accepted forms', () => {
    expect(parseModelSpec('anthropic:claude-haiku-4-5')).toEqual({ provider: 'anthropic', model: 'claude-haiku-4-5' });
    expect(parseModelSpec(' gemini:gemini-2.5-pro ')).toEqual({ provider: 'gemini', model: 'gemini-2.5-pro' });
    expect(parseModelSpec('offline')).toEqual({ provider: 'offline' });
  });

  it.each(['openai:gpt-5', 'anthropic:', 'gemini', 'claude-sonnet-4-6', 'anthropic:has space', ''])(
    'rejects %j naming the accepted forms',
    (spec) => {
      const error = (() => {
        try {
          parseModelSpec(spec);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as Error).message).toContain('anthropic:<model>');
      expect((error as Error).message).toContain('offline');
    },
  );
});

describe('createModel', () => {
  it('defaults to Anthropic when its key is set', () => {
    const model = createModel(undefined, { ANTHROPIC_API_KEY: 'k', GEMINI_API_KEY: 'g' });
    expect(model.provider).toBe('anthropic');
    expect(model.id).toBe('anthropic:claude-sonnet-4-6');
  });

  it('defaults to Gemini with only a Gemini key', () => {
    const model = createModel(undefined, { GEMINI_API_KEY: 'g', ANTHROPIC_API_KEY: '  ' });
    expect(model.provider).toBe('gemini');
    expect(model.id).toBe('gemini:gemini-2.5-flash');
  });

  it('defaults to offline with no key', () => {
    const model = createModel(undefined, {});
    expect(model).toBeInstanceOf(OfflineModel);
    expect(model.id).toBe('offline');
  });

  it('follows VENTROS_MODEL, and an explicit spec over it', () => {
    expect(createModel(undefined, { VENTROS_MODEL: 'offline', ANTHROPIC_API_KEY: 'k' }).provider).toBe('offline');
    expect(createModel(undefined, { VENTROS_MODEL: 'gemini:gemini-2.5-pro', GEMINI_API_KEY: 'g' }).id).toBe(
      'gemini:gemini-2.5-pro',
    );
    expect(createModel('anthropic:claude-haiku-4-5', { VENTROS_MODEL: 'offline', ANTHROPIC_API_KEY: 'k' }).id).toBe(
      'anthropic:claude-haiku-4-5',
    );
  });

  it('says which variable to set when a provider has no key', () => {
    expect(() => createModel('anthropic:claude-haiku-4-5', {})).toThrow(/ANTHROPIC_API_KEY/);
    expect(() => createModel(undefined, { VENTROS_MODEL: 'gemini:gemini-2.5-flash' })).toThrow(/GEMINI_API_KEY/);
    expect(() => createModel('gemini:gemini-2.5-flash', {})).toThrow(InvalidInputError);
  });

  it('rejects a bad VENTROS_MODEL with the accepted forms', () => {
    expect(() => createModel(undefined, { VENTROS_MODEL: 'gpt-5' })).toThrow(
      /anthropic:<model>.*gemini:<model>.*offline/,
    );
  });
});

describe('createModel with base URLs from the environment', () => {
  let mock: MockLlm;
  beforeAll(async () => {
    mock = await startMockLlm();
  });
  afterAll(async () => {
    await mock.close();
  });

  it('points each provider at ANTHROPIC_BASE_URL / GEMINI_BASE_URL', async () => {
    mock.enqueue({ provider: 'anthropic', text: 'de anthropic' }, { provider: 'gemini', text: 'de gemini' });
    const anthropic = createModel('anthropic:claude-haiku-4-5', {
      ANTHROPIC_API_KEY: 'k',
      ANTHROPIC_BASE_URL: mock.anthropicBaseUrl,
    });
    const gemini = createModel('gemini:gemini-2.5-flash', { GEMINI_API_KEY: 'g', GEMINI_BASE_URL: mock.geminiBaseUrl });
    const request = { messages: [userText('oi')], tools: [] };
    expect(textOf((await gemini.generate(request)).content)).toBe('de gemini');
    expect(textOf((await anthropic.generate(request)).content)).toBe('de anthropic');
    expect(mock.requests.map((r) => r.provider)).toEqual(['gemini', 'anthropic']);
  });

  it('fails loudly when the mock has no turn scripted', async () => {
    const model = createModel(
      'gemini:gemini-2.5-flash',
      { GEMINI_API_KEY: 'g', GEMINI_BASE_URL: mock.geminiBaseUrl },
      {
        retry: { maxAttempts: 1 },
      },
    );
    await expect(model.generate({ messages: [userText('oi')], tools: [] })).rejects.toThrow(/no scripted turn left/);
  });
});
