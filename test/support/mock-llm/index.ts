export { type MockLlm, type MockLlmOptions, startMockLlm } from './server.js';
export { createTestModels, FAST_RETRY, type TestModels } from './test-models.js';
export type { MockHandler, MockLlmRequest, MockPart, MockProvider, MockTurn } from './types.js';
export { useMockLlm } from './use-mock-llm.js';
