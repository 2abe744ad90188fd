/**
 * The suite's fixtures that our framework has no API for, registered with the SDK's own API on the
 * McpServer that `createToolServer` built: prompts and completion, resource subscriptions, tools that ask
 * the client (2025-11-25 sampling / elicitation requests, 2026-07-28 input-required rounds), log
 * notifications, and a tool whose input is a raw JSON Schema 2020-12. Names and payloads are the ones
 * the suite's scenarios ask for (node_modules/@modelcontextprotocol/conformance, scenario descriptions).
 */
import {
  completable,
  fromJsonSchema,
  inputRequired,
  inputResponse,
  type McpServer,
} from '@modelcontextprotocol/server';
import { z } from 'zod';
import { addClientRequestTools } from './framework-client-request-fixtures.js';
import { TEST_IMAGE_BASE64 } from './framework-fixture-tools.js';
import { addInputRequiredTools, NAME_FORM, text } from './framework-input-required-fixtures.js';

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
