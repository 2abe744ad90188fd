/**
 * A server that asks for input the 2026-07-28 way (an input-required result: elicitation, sampling,
 * roots embedded; the client re-sends the call with the answers) and whose tool list changes at run
 * time, for host tests. The SDK's legacy shim serves the same tools to a 2025-11-25 client as real
 * server-to-client requests. Run on stdio (both revisions) as a child:
 *   node --import tsx test/support/input-required-server.ts
 * or in process over HTTP with `createMcpHandler(() => createInputRequiredServer(shared))`.
 */
import { pathToFileURL } from 'node:url';
import { inputRequired, inputResponse, McpServer } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';

/** What outlives one server instance (createMcpHandler makes one per request). */
export interface SharedState {
  /** Dynamic tools registered so far (`dynamic_1` …). */
  dynamic: number;
  /** Called after `add_tool` changed the list (the HTTP side publishes on its event bus). */
  changed?: () => void;
}

const NAME_FORM = {
  message: 'Your name?',
  requestedSchema: { type: 'object' as const, properties: { name: { type: 'string' as const } }, required: ['name'] },
};

export function createInputRequiredServer(shared: SharedState = { dynamic: 0 }): McpServer {
  const server = new McpServer(
    { name: 'input-required-fixture', version: '1.0.0' },
    { capabilities: { tools: { listChanged: true } } },
  );

  server.registerTool('confirm_name', { description: 'Asks the person their name (elicitation).' }, async (ctx) => {
    const answer = inputResponse(ctx.mcpReq.inputResponses, 'name');
    if (answer.kind !== 'elicit') {
      return inputRequired({ inputRequests: { name: inputRequired.elicit(NAME_FORM) } });
    }
    if (answer.action !== 'accept') return { content: [{ type: 'text', text: `no name (${answer.action})` }] };
    return { content: [{ type: 'text', text: `hello ${String(answer.content?.name)}` }] };
  });

  server.registerTool('ask_roots', { description: "Asks the client's roots." }, async (ctx) => {
    const answer = inputResponse(ctx.mcpReq.inputResponses, 'roots');
    if (answer.kind !== 'roots') return inputRequired({ inputRequests: { roots: inputRequired.listRoots() } });
    return { content: [{ type: 'text', text: JSON.stringify(answer.roots) }] };
  });

  server.registerTool('ask_model', { description: 'Asks the client to sample a model.' }, async (ctx) => {
    const answer = inputResponse(ctx.mcpReq.inputResponses, 'model');
    if (answer.kind !== 'sampling') {
      return inputRequired({
        inputRequests: {
          model: inputRequired.createMessage({
            messages: [{ role: 'user', content: { type: 'text', text: 'Say hi' } }],
            maxTokens: 16,
          }),
        },
      });
    }
    return { content: [{ type: 'text', text: JSON.stringify(answer.result.content) }] };
  });

  server.registerTool('never_done', { description: 'Asks again on every round.' }, async () =>
    inputRequired({ inputRequests: { name: inputRequired.elicit(NAME_FORM) } }),
  );

  server.registerPrompt('greeting', { description: 'A greeting for the person (asks their name).' }, (ctx) => {
    const answer = inputResponse(ctx.mcpReq.inputResponses, 'name');
    if (answer.kind !== 'elicit' || answer.action !== 'accept') {
      return inputRequired({ inputRequests: { name: inputRequired.elicit(NAME_FORM) } });
    }
    return { messages: [{ role: 'user', content: { type: 'text', text: `Greet ${String(answer.content?.name)}` } }] };
  });

  const register = (n: number) =>
    server.registerTool(`dynamic_${n}`, { description: `Dynamic tool ${n}.` }, async () => ({
      content: [{ type: 'text', text: `dynamic ${n}` }],
    }));
  for (let n = 1; n <= shared.dynamic; n++) register(n);

  server.registerTool('add_tool', { description: 'Adds a tool (the tool list changes).' }, async () => {
    shared.dynamic++;
    register(shared.dynamic); // on a live connection the SDK announces it (list_changed)
    shared.changed?.();
    return { content: [{ type: 'text', text: `dynamic_${shared.dynamic}` }] };
  });

  return server;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const shared: SharedState = { dynamic: 0 };
  const stdio = serveStdio(() => createInputRequiredServer(shared));
  process.stdin.on('end', () => void stdio.close().then(() => process.exit(0)));
}
