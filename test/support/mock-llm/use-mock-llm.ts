import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type MockLlm, startMockLlm } from './server.js';
import { createTestModels, type TestModels } from './test-models.js';

/**
 * One mock LLM server for a test file: started before its tests, reset before each, closed after.
 * Read `llm.mock` and `llm.models` inside tests (they exist once `beforeAll` ran).
 */
export function useMockLlm(options?: Parameters<typeof createTestModels>[1]): {
  readonly mock: MockLlm;
  readonly models: TestModels;
} {
  let mock: MockLlm | undefined;
  let models: TestModels | undefined;
  beforeAll(async () => {
    mock = await startMockLlm();
    models = createTestModels(mock, options);
  });
  afterAll(async () => {
    await mock?.close();
  });
  beforeEach(() => mock?.reset());
  return {
    get mock() {
      if (!mock) throw new Error('useMockLlm: the mock starts in beforeAll');
      return mock;
    },
    get models() {
      if (!models) throw new Error('useMockLlm: the mock starts in beforeAll');
      return models;
    },
  };
}
