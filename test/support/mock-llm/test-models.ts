import { AnthropicModel } from '../../../src/agents/providers/anthropic/anthropic-model.js';
import { GeminiModel } from '../../../src/agents/providers/gemini/gemini-model.js';
import type { RetryPolicy } from '../../../src/agents/providers/retry.js';
import type { MockLlm } from './server.js';

/** Retry waits short enough for tests; the attempt bound is the production one. */
export const FAST_RETRY: Partial<RetryPolicy> = { baseDelayMs: 5, maxDelayMs: 20 };

/** Real SDK-backed models pointed at the mock, with dummy keys. */
export interface TestModels {
  anthropic: AnthropicModel;
  gemini: GeminiModel;
}

/**
 * A real `AnthropicModel` and `GeminiModel` talking HTTP to `mock`.
 *
 * @example
 * const mock = await startMockLlm();
 * const { anthropic, gemini } = createTestModels(mock);
 */
export function createTestModels(
  mock: Pick<MockLlm, 'anthropicBaseUrl' | 'geminiBaseUrl'>,
  options: { retry?: Partial<RetryPolicy>; anthropicModel?: string; geminiModel?: string } = {},
): TestModels {
  const retry = { ...FAST_RETRY, ...options.retry };
  return {
    anthropic: new AnthropicModel({
      model: options.anthropicModel ?? 'claude-sonnet-4-6',
      apiKey: 'sk-ant-test-dummy',
      baseURL: mock.anthropicBaseUrl,
      retry,
    }),
    gemini: new GeminiModel({
      model: options.geminiModel ?? 'gemini-2.5-flash',
      apiKey: 'gemini-test-dummy',
      baseUrl: mock.geminiBaseUrl,
      retry,
    }),
  };
}
