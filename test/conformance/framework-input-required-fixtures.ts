/**
 * The 2026-07-28 input-required fixtures (SEP-2322): a tool answers with questions (elicitation, sampling,
 * roots), the client asks and retries with the answers; state that spans rounds is signed, and the
 * server's `requestState.verify` hook (`codec.verify`) refuses a tampered one before any handler runs.
 */
import {
  type CallToolResult,
  CLIENT_CAPABILITIES_META_KEY,
  type ClientCapabilities,
  createRequestStateCodec,
  type InputRequests,
  inputRequired,
  inputResponse,
  type McpServer,
  type ServerContext,
} from '@modelcontextprotocol/server';

export const text = (value: string): CallToolResult => ({ content: [{ type: 'text', text: value }] });

/** The fixture's requestState key: one per process, so any instance of this process can verify a retry. */
const STATE_KEY = 'conformance-fixture-request-state-key-0123456789abcdef';
/** Pass `codec.verify` as the server's `requestState.verify`: a tampered state never reaches a handler. */
export const codec = createRequestStateCodec<{ step: number; tool: string }>({
  key: STATE_KEY,
  ttlSeconds: 600,
  bind: (ctx) => ctx.mcpReq.method,
});

type FixtureState = { step: number; tool: string };

/** The verified state of a retried round (the server's `requestState.verify` hook decoded it), or undefined. */
const readState = async (ctx: ServerContext) => ctx.mcpReq.requestState<FixtureState>();

export const NAME_FORM = {
  message: 'What is your name?',
  requestedSchema: { type: 'object' as const, properties: { name: { type: 'string' as const } }, required: ['name'] },
};
const CONFIRM_FORM = {
  message: 'Please confirm',
  requestedSchema: { type: 'object' as const, properties: { ok: { type: 'boolean' as const } }, required: ['ok'] },
};
const ROOTS = inputRequired.listRoots();

/** The capabilities a 2026-07-28 request declares in its `_meta` envelope. */
function capabilitiesOf(ctx: ServerContext): ClientCapabilities {
  const envelope = (ctx.mcpReq.envelope ?? {}) as Record<string, unknown>;
  return (envelope[CLIENT_CAPABILITIES_META_KEY] as ClientCapabilities | undefined) ?? {};
}

/** The 2026-07-28 input-required fixtures (SEP-2322): the tool answers with questions, the client retries. */
export function addInputRequiredTools(server: McpServer): void {
  server.registerTool('test_input_required_result_elicitation', { description: 'Asks for a name.' }, (ctx) => {
    const answer = inputResponse(ctx.mcpReq.inputResponses, 'user_name');
    if (answer.kind !== 'elicit' || answer.action !== 'accept') {
      return inputRequired({ inputRequests: { user_name: inputRequired.elicit(NAME_FORM) } });
    }
    return text(`Hello, ${String(answer.content?.name)}!`);
  });
  server.registerTool('test_input_required_result_sampling', { description: 'Asks for a completion.' }, (ctx) => {
    const answer = inputResponse(ctx.mcpReq.inputResponses, 'capital_question');
    if (answer.kind !== 'sampling') {
      return inputRequired({
        inputRequests: {
          capital_question: inputRequired.createMessage({
            messages: [{ role: 'user', content: { type: 'text', text: 'What is the capital of France?' } }],
            maxTokens: 100,
          }),
        },
      });
    }
    return text(`Model said: ${JSON.stringify(answer.result.content)}`);
  });
  server.registerTool(
    'test_input_required_result_list_roots',
    { description: "Asks for the client's roots." },
    (ctx) => {
      const answer = inputResponse(ctx.mcpReq.inputResponses, 'client_roots');
      if (answer.kind !== 'roots') return inputRequired({ inputRequests: { client_roots: ROOTS } });
      return text(`Roots: ${answer.roots.map((r) => r.uri).join(', ')}`);
    },
  );
  const confirmTool = (name: string) =>
    server.registerTool(name, { description: 'Asks for a confirmation, with a signed state.' }, async (ctx) => {
      const state = await readState(ctx);
      const answer = inputResponse(ctx.mcpReq.inputResponses, 'confirm');
      if (!state || answer.kind !== 'elicit' || answer.action !== 'accept') {
        const requestState = await codec.mint({ step: 1, tool: name }, ctx);
        return inputRequired({ inputRequests: { confirm: inputRequired.elicit(CONFIRM_FORM) }, requestState });
      }
      return text(`state-ok: confirmed=${String(answer.content?.ok)}`);
    });
  confirmTool('test_input_required_result_request_state');
  confirmTool('test_input_required_result_tampered_state');
  server.registerTool(
    'test_input_required_result_multiple_inputs',
    { description: 'Asks three things.' },
    async (ctx) => {
      const responses = ctx.mcpReq.inputResponses;
      const name = inputResponse(responses, 'user_name');
      const greeting = inputResponse(responses, 'greeting');
      const roots = inputResponse(responses, 'client_roots');
      const state = await readState(ctx);
      if (!state || name.kind !== 'elicit' || greeting.kind !== 'sampling' || roots.kind !== 'roots') {
        const requestState = await codec.mint({ step: 1, tool: 'multiple' }, ctx);
        return inputRequired({
          inputRequests: {
            user_name: inputRequired.elicit(NAME_FORM),
            greeting: inputRequired.createMessage({
              messages: [{ role: 'user', content: { type: 'text', text: 'Generate a greeting' } }],
              maxTokens: 50,
            }),
            client_roots: ROOTS,
          },
          requestState,
        });
      }
      return text(`All inputs received (${roots.roots.length} roots)`);
    },
  );
  server.registerTool('test_input_required_result_multi_round', { description: 'Asks in two rounds.' }, async (ctx) => {
    const state = await readState(ctx);
    const step1 = inputResponse(ctx.mcpReq.inputResponses, 'step1');
    const step2 = inputResponse(ctx.mcpReq.inputResponses, 'step2');
    if (state?.step === 2 && step2.kind === 'elicit' && step2.action === 'accept') {
      return text(`Done: favorite color ${String(step2.content?.color)}`);
    }
    if (state?.step === 1 && step1.kind === 'elicit' && step1.action === 'accept') {
      return inputRequired({
        inputRequests: {
          step2: inputRequired.elicit({
            message: 'Step 2: What is your favorite color?',
            requestedSchema: { type: 'object', properties: { color: { type: 'string' } }, required: ['color'] },
          }),
        },
        requestState: await codec.mint({ step: 2, tool: 'multi_round' }, ctx),
      });
    }
    return inputRequired({
      inputRequests: {
        step1: inputRequired.elicit({ ...NAME_FORM, message: 'Step 1: What is your name?' }),
      },
      requestState: await codec.mint({ step: 1, tool: 'multi_round' }, ctx),
    });
  });
  server.registerTool(
    'test_input_required_result_capabilities',
    { description: 'Asks what the client can.' },
    (ctx) => {
      const capabilities = capabilitiesOf(ctx);
      const requests: InputRequests = {};
      if (capabilities.elicitation) requests.user_name = inputRequired.elicit(NAME_FORM);
      if (capabilities.sampling) {
        requests.greeting = inputRequired.createMessage({
          messages: [{ role: 'user', content: { type: 'text', text: 'Generate a greeting' } }],
          maxTokens: 50,
        });
      }
      if (capabilities.roots) requests.client_roots = ROOTS;
      const answered = Object.keys(requests).every((key) => ctx.mcpReq.inputResponses?.[key] !== undefined);
      if (Object.keys(requests).length === 0 || answered) return text('Nothing more to ask');
      return inputRequired({ inputRequests: requests });
    },
  );
}
