/**
 * The suite's fixtures that our framework has no API for, registered with the SDK's own API on the
 * McpServer that `createToolServer` built: prompts and completion, resource subscriptions, tools that ask
 * the client (2025-11-25 sampling / elicitation requests, 2026-07-28 input-required rounds), log
 * notifications, and a tool whose input is a raw JSON Schema 2020-12. Names and payloads are the ones
 * the suite's scenarios ask for (node_modules/@modelcontextprotocol/conformance, scenario descriptions).
 */
import {
  type CallToolResult,
  CLIENT_CAPABILITIES_META_KEY,
  type ClientCapabilities,
  completable,
  createRequestStateCodec,
  fromJsonSchema,
  type InputRequests,
  inputRequired,
  inputResponse,
  type McpServer,
  type ServerContext,
} from '@modelcontextprotocol/server';
import { z } from 'zod';
import { TEST_IMAGE_BASE64 } from './framework-fixture-tools.js';

const text = (value: string): CallToolResult => ({ content: [{ type: 'text', text: value }] });

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

/** What the list-changing fixtures added, shared by every server instance, and where changes are announced. */
export interface FixtureLists {
  tools: number;
  prompts: number;
  publish(event: { kind: 'tools_list_changed' | 'prompts_list_changed' }): void;
}

export function addSdkFixtures(server: McpServer, lists: FixtureLists): void {
  server.server.registerCapabilities({
    resources: { subscribe: true },
    prompts: {},
    completions: {},
  });
  addPrompts(server);
  addSubscriptions(server);
  addClientRequestTools(server);
  addInputRequiredTools(server);
  addJsonSchemaTool(server);
  addStatelessDiagnostics(server);
  addListChangers(server, lists);
}

/**
 * `server-stateless` changes the lists while a `subscriptions/listen` stream is open: each trigger adds a
 * tool or prompt for every later server instance and publishes the change on the handler's event bus (a
 * 2025-11-25 session's own server also announces it on its connection, as the SDK does on registration).
 */
function addListChangers(server: McpServer, lists: FixtureLists): void {
  const addTool = (n: number) =>
    server.registerTool(`test_dynamic_tool_${n}`, { description: `Added by test_trigger_tool_change (${n}).` }, () =>
      text(`dynamic tool ${n}`),
    );
  const addPrompt = (n: number) =>
    server.registerPrompt(
      `test_dynamic_prompt_${n}`,
      { description: `Added by test_trigger_prompt_change (${n}).` },
      () => ({
        messages: [{ role: 'user', content: { type: 'text', text: `dynamic prompt ${n}` } }],
      }),
    );
  for (let n = 1; n <= lists.tools; n++) addTool(n);
  for (let n = 1; n <= lists.prompts; n++) addPrompt(n);
  server.registerTool('test_trigger_tool_change', { description: 'Adds a tool (the tool list changes).' }, () => {
    addTool(++lists.tools);
    lists.publish({ kind: 'tools_list_changed' });
    return text(`tools added: ${lists.tools}`);
  });
  server.registerTool('test_trigger_prompt_change', { description: 'Adds a prompt (the prompt list changes).' }, () => {
    addPrompt(++lists.prompts);
    lists.publish({ kind: 'prompts_list_changed' });
    return text(`prompts added: ${lists.prompts}`);
  });
}

function addPrompts(server: McpServer): void {
  server.registerPrompt('test_simple_prompt', { description: 'A simple prompt without arguments' }, () => ({
    messages: [{ role: 'user', content: { type: 'text', text: 'This is a simple prompt for testing.' } }],
  }));
  const COMPLETIONS = ['paris', 'park', 'party'];
  server.registerPrompt(
    'test_prompt_with_arguments',
    {
      description: 'A prompt with required arguments',
      argsSchema: z.object({
        arg1: completable(z.string().describe('First test argument'), (value) =>
          COMPLETIONS.filter((c) => c.startsWith(value)),
        ),
        arg2: z.string().describe('Second test argument'),
      }),
    },
    ({ arg1, arg2 }) => ({
      messages: [
        { role: 'user', content: { type: 'text', text: `Prompt with arguments: arg1='${arg1}', arg2='${arg2}'` } },
      ],
    }),
  );
  server.registerPrompt(
    'test_prompt_with_embedded_resource',
    {
      description: 'A prompt that includes an embedded resource',
      argsSchema: z.object({ resourceUri: z.string().describe('URI of the resource to embed') }),
    },
    ({ resourceUri }) => ({
      messages: [
        {
          role: 'user',
          content: {
            type: 'resource',
            resource: { uri: resourceUri, mimeType: 'text/plain', text: 'Embedded resource content for testing.' },
          },
        },
        { role: 'user', content: { type: 'text', text: 'Please process the embedded resource above.' } },
      ],
    }),
  );
  server.registerPrompt('test_prompt_with_image', { description: 'A prompt that includes image content' }, () => ({
    messages: [
      { role: 'user', content: { type: 'image', data: TEST_IMAGE_BASE64, mimeType: 'image/png' } },
      { role: 'user', content: { type: 'text', text: 'Please analyze the image above.' } },
    ],
  }));
  // A prompt of the 2026-07-28 input-required scenarios: input-required works on prompts/get too.
  server.registerPrompt(
    'test_input_required_result_prompt',
    { description: 'Asks the client for context first' },
    (ctx) => {
      const answer = inputResponse(ctx.mcpReq.inputResponses, 'user_context');
      if (answer.kind !== 'elicit' || answer.action !== 'accept') {
        return inputRequired({
          inputRequests: {
            user_context: inputRequired.elicit({
              message: 'What context should the prompt use?',
              requestedSchema: { type: 'object', properties: { context: { type: 'string' } }, required: ['context'] },
            }),
          },
        });
      }
      return {
        messages: [{ role: 'user', content: { type: 'text', text: `Context: ${String(answer.content?.context)}` } }],
      };
    },
  );
}

function addSubscriptions(server: McpServer): void {
  const subscribed = new Set<string>();
  server.server.setRequestHandler('resources/subscribe', (request) => {
    subscribed.add(request.params.uri);
    return {};
  });
  server.server.setRequestHandler('resources/unsubscribe', (request) => {
    subscribed.delete(request.params.uri);
    return {};
  });
}

/** Tools that send requests and notifications to the client during the call (2025-11-25). */
function addClientRequestTools(server: McpServer): void {
  server.registerTool('test_tool_with_logging', { description: 'Logs three messages while it runs.' }, async (ctx) => {
    for (const [i, message] of [
      'Tool execution started',
      'Tool processing data',
      'Tool execution completed',
    ].entries()) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, 50));
      await ctx.mcpReq.log('info', message);
    }
    return text('Tool with logging executed successfully');
  });
  server.registerTool(
    'test_sampling',
    {
      description: 'Asks the client to sample a model.',
      inputSchema: z.object({ prompt: z.string().describe('The prompt to send to the LLM') }),
    },
    async ({ prompt }, ctx) => {
      const result = await ctx.mcpReq.requestSampling({
        messages: [{ role: 'user', content: { type: 'text', text: prompt } }],
        maxTokens: 100,
      });
      const content = Array.isArray(result.content) ? result.content[0] : result.content;
      return text(`LLM response: ${content?.type === 'text' ? content.text : JSON.stringify(content)}`);
    },
  );
  server.registerTool(
    'test_elicitation',
    {
      description: 'Asks the person at the client for input.',
      inputSchema: z.object({ message: z.string().describe('The message to show the user') }),
    },
    async ({ message }, ctx) => {
      const result = await ctx.mcpReq.elicitInput({
        mode: 'form',
        message,
        requestedSchema: {
          type: 'object',
          properties: {
            username: { type: 'string', description: "User's response" },
            email: { type: 'string', description: "User's email address" },
          },
          required: ['username', 'email'],
        },
      });
      return text(`User response: action=${result.action}, content=${JSON.stringify(result.content ?? {})}`);
    },
  );
  server.registerTool(
    'test_elicitation_sep1034_defaults',
    { description: 'Elicitation with defaults.' },
    async (ctx) => {
      const result = await ctx.mcpReq.elicitInput({
        mode: 'form',
        message: 'Please review and update the form fields with defaults',
        requestedSchema: {
          type: 'object',
          properties: {
            name: { type: 'string', description: 'User name', default: 'John Doe' },
            age: { type: 'integer', description: 'User age', default: 30 },
            score: { type: 'number', description: 'User score', default: 95.5 },
            status: {
              type: 'string',
              description: 'User status',
              enum: ['active', 'inactive', 'pending'],
              default: 'active',
            },
            verified: { type: 'boolean', description: 'Verification status', default: true },
          },
          required: [],
        },
      });
      return text(`Elicitation completed: action=${result.action}, content=${JSON.stringify(result.content ?? {})}`);
    },
  );
  server.registerTool('test_elicitation_sep1330_enums', { description: 'Elicitation with enums.' }, async (ctx) => {
    const result = await ctx.mcpReq.elicitInput({
      mode: 'form',
      message: 'Please select options from the enum fields',
      requestedSchema: {
        type: 'object',
        properties: {
          untitledSingle: { type: 'string', description: 'Select one option', enum: ['option1', 'option2', 'option3'] },
          titledSingle: {
            type: 'string',
            description: 'Select one option with titles',
            oneOf: [
              { const: 'value1', title: 'First Option' },
              { const: 'value2', title: 'Second Option' },
              { const: 'value3', title: 'Third Option' },
            ],
          },
          legacyEnum: {
            type: 'string',
            description: 'Select one option (legacy)',
            enum: ['opt1', 'opt2', 'opt3'],
            enumNames: ['Option One', 'Option Two', 'Option Three'],
          },
          untitledMulti: {
            type: 'array',
            description: 'Select multiple options',
            minItems: 1,
            maxItems: 3,
            items: { type: 'string', enum: ['option1', 'option2', 'option3'] },
          },
          titledMulti: {
            type: 'array',
            description: 'Select multiple options with titles',
            minItems: 1,
            maxItems: 3,
            items: {
              anyOf: [
                { const: 'value1', title: 'First Choice' },
                { const: 'value2', title: 'Second Choice' },
                { const: 'value3', title: 'Third Choice' },
              ],
            },
          },
        },
        required: [],
      },
    });
    return text(`Elicitation completed: action=${result.action}, content=${JSON.stringify(result.content ?? {})}`);
  });
}

const NAME_FORM = {
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
function addInputRequiredTools(server: McpServer): void {
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

/** SEP-1613 / SEP-2106: the input schema goes out as written, 2020-12 keywords and all. */
const JSON_SCHEMA_2020_12 = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  $defs: {
    address: {
      $anchor: 'addressDef',
      type: 'object',
      properties: { street: { type: 'string' }, city: { type: 'string' } },
    },
  },
  properties: {
    name: { type: 'string' },
    address: { $ref: '#/$defs/address' },
    contactMethod: { type: 'string', enum: ['phone', 'email'] },
    phone: { type: 'string' },
    email: { type: 'string' },
  },
  allOf: [{ anyOf: [{ required: ['phone'] }, { required: ['email'] }] }],
  if: { properties: { contactMethod: { const: 'phone' } }, required: ['contactMethod'] },
  // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword (if/then/else) the scenario checks
  then: { required: ['phone'] },
  else: { required: ['email'] },
  additionalProperties: false,
} as const;

function addJsonSchemaTool(server: McpServer): void {
  server.registerTool(
    'json_schema_2020_12_tool',
    { description: 'Tool with JSON Schema 2020-12 features', inputSchema: fromJsonSchema(JSON_SCHEMA_2020_12) },
    async (args) => text(`JSON Schema 2020-12 tool called with: ${JSON.stringify(args)}`),
  );
}

/** `x-mcp-header` is an MCP extension keyword, outside the JSON Schema type. */
const HEADER_SCHEMA = {
  type: 'object',
  properties: { region: { type: 'string', 'x-mcp-header': 'Region' } },
  required: ['region'],
} as Parameters<typeof fromJsonSchema>[0];

/** The diagnostic tools of `server-stateless` (SEP-2575) and SEP-2243's `x-mcp-header` parameter. */
function addStatelessDiagnostics(server: McpServer): void {
  // Needs sampling: a request whose capabilities lack it gets -32021 (HTTP 400) from the SDK, not a result.
  server.registerTool('test_missing_capability', { description: 'Needs the sampling capability.' }, (ctx) => {
    const answer = inputResponse(ctx.mcpReq.inputResponses, 'model');
    if (answer.kind === 'sampling') return text('sampled');
    return inputRequired({
      inputRequests: {
        model: inputRequired.createMessage({
          messages: [{ role: 'user', content: { type: 'text', text: 'Say hi' } }],
          maxTokens: 16,
        }),
      },
    });
  });
  // Streams progress, then asks for input as an input-required result: never a request of its own.
  server.registerTool('test_streaming_elicitation', { description: 'Streams, then asks a question.' }, async (ctx) => {
    const token = ctx.mcpReq._meta?.progressToken;
    if (token !== undefined) {
      await ctx.mcpReq.notify({ method: 'notifications/progress', params: { progressToken: token, progress: 1 } });
    }
    const answer = inputResponse(ctx.mcpReq.inputResponses, 'user_name');
    if (answer.kind === 'elicit') return text(`answered: ${answer.action}`);
    return inputRequired({ inputRequests: { user_name: inputRequired.elicit(NAME_FORM) } });
  });
  // Logs; on 2026-07-28 a request without `_meta` logLevel must see none of it (the SDK filters).
  server.registerTool('test_logging_tool', { description: 'Logs a message.' }, async (ctx) => {
    await ctx.mcpReq.log('info', 'test_logging_tool ran');
    return text('logged');
  });
  server.registerTool(
    'test_headers',
    {
      description: 'A parameter mirrored in the Mcp-Param-Region header (SEP-2243).',
      inputSchema: fromJsonSchema(HEADER_SCHEMA),
    },
    async (args) => text(`region: ${String((args as { region?: unknown }).region)}`),
  );
}
